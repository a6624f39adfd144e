using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ImpactActions.Core.Connection;

/// <summary>Turns a SecureString into text only for as long as a request header is built.</summary>
internal static class SecretText
{
    public static string Reveal(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(pointer) ?? "";
        }
        finally
        {
            if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    public static SecureString Protect(string text)
    {
        var secret = new SecureString();
        foreach (var c in text) secret.AppendChar(c);
        secret.MakeReadOnly();
        return secret;
    }
}
