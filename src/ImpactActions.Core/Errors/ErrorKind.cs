using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Errors;

/// <summary>
/// One kind of failure the module reports: its stable id (the error record's ErrorId is
/// "ImpactActions." + <see cref="Id"/>), the PowerShell ErrorCategory it belongs to (by name: Core
/// does not reference PowerShell), what it means, and what the user should do about it.
/// </summary>
public sealed class ErrorKind
{
    internal ErrorKind(string id, string category, string meaning, string recommendedAction, string? actionRecommendedAction = null,
        string? commandRecommendedAction = null)
    {
        Id = id;
        Category = category;
        Meaning = meaning;
        RecommendedAction = recommendedAction;
        ActionRecommendedAction = actionRecommendedAction ?? recommendedAction;
        CommandRecommendedAction = commandRecommendedAction;
    }

    public string Id { get; }

    /// <summary>The name of a System.Management.Automation.ErrorCategory member.</summary>
    public string Category { get; }

    public string Meaning { get; }

    /// <summary>What to do about a row of Set-ImpactActionItem; <c>{Row}</c> and <c>{Field}</c> stand for the row and field at fault.</summary>
    public string RecommendedAction { get; }

    /// <summary>What to do when Set-ImpactAction or Undo-ImpactAction meets it: an action, with no journal and no -ResendUnknown.</summary>
    public string ActionRecommendedAction { get; }

    public string FullyQualifiedId => "ImpactActions." + Id;

    /// <summary>The recommended action for one row, or for one action of the action-level cmdlets.</summary>
    public string RecommendedFor(long row, string? field, bool actionLevel = false) =>
        (actionLevel ? ActionRecommendedAction : RecommendedAction).Replace("{Row}", row.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("{Field}", field ?? "the field");

    /// <summary>
    /// What to do when no row is at fault (a command's own error, a submission Wait-ImpactSubmission found failed): the
    /// action-level text, which speaks of the change rather than of a row, with any row left named as "the row".
    /// </summary>
    public string RecommendedWithoutRow() =>
        CommandRecommendedAction ?? ActionRecommendedAction.Replace("row {Row}", "the row").Replace("{Row}", "the row").Replace("{Field}", "the field");

    /// <summary>
    /// What to do when a command's own request failed, not a row's or an action's (a listing, a read, a wait), where the
    /// row's remedy would name a parameter the command lacks; null when the action-level text serves.
    /// </summary>
    public string? CommandRecommendedAction { get; }

    public override string ToString() => Id;
}

/// <summary>Every kind of failure the module reports, in one place: cmdlets, Core and docs/errors.md all read this list.</summary>
public static class ErrorKinds
{
    public static readonly ErrorKind InvalidRow = new("InvalidRow", "InvalidArgument",
        "The row cannot be sent as given: a field is missing, malformed or contradicts another. Nothing was sent.",
        "Correct {Field} in row {Row} and run again; with -JournalPath, rows already accepted are skipped.",
        "Correct {Field} and send the change of that action again.");

    public static readonly ErrorKind ApiRefused = new("ApiRefused", "InvalidOperation",
        "The API refused the request (a 4xx answer other than 429): nothing was queued.",
        "Read the API's reason, correct row {Row}, and run again.",
        "Read the API's reason, correct the change, and send it again.",
        "Read the API's reason, correct the parameters it names, and run the command again.");

    public static readonly ErrorKind ApiUnavailable = new("ApiUnavailable", "ConnectionError",
        "The API could not be reached, or kept answering 429 or 5xx, and the request is known not to have been queued.",
        "Run again later; with -JournalPath, rows already accepted are skipped.",
        "Send the change again later.",
        "Run the command again later; a listing goes on where it stopped with Get-ImpactAction -Continue.");

    public static readonly ErrorKind ConnectionClosed = new("ConnectionClosed", "ConnectionError",
        "The connection was closed (Disconnect-ImpactAccount) before the request was sent: nothing was sent.",
        "Run Connect-ImpactAccount and run again; with -JournalPath, rows already accepted are skipped.",
        "Run Connect-ImpactAccount and send the change again.",
        "Run Connect-ImpactAccount (or pass an open connection with -Connection) and run the command again.");

    public static readonly ErrorKind OutcomeUnknown = new("OutcomeUnknown", "OperationStopped",
        "The request may or may not have been queued: its answer was lost, and no submission for it was found. A relative change is never resent on its own.",
        "Check the item (Get-ImpactActionItem) before sending row {Row} again; rerun with -ResendUnknown only if it was not applied.",
        "Check the action (Get-ImpactAction -ActionId) before sending the change again: if it shows the change, it was applied.");

    public static readonly ErrorKind ConfirmationUnavailable = new("ConfirmationUnavailable", "InvalidOperation",
        "The change needs a confirmation (-Confirm, ConfirmImpact, or Set-ImpactAction's Amount 0), and the session cannot ask for one: pwsh -NonInteractive, a scheduled task, a host without prompts. Nothing was sent; the other rows went on.",
        "Check what the run sends with -WhatIf, then run it again with -Confirm:$false; with -JournalPath, rows already accepted are skipped.",
        "Check what is sent with -WhatIf, then send it again with -Confirm:$false (for Set-ImpactAction's Amount 0, -Force).");

    public static readonly ErrorKind ModificationLimit = new("ModificationLimit", "LimitsExceeded",
        "The action would get more modifications than the API allows (1,000 per action). Nothing was sent.",
        "Split the changes of this action over fewer rows or fewer runs.");

    public static readonly ErrorKind ItemNotFound = new("ItemNotFound", "ObjectNotFound",
        "The action has no item with that Sku, or there is no such action. Nothing was sent.",
        "Check {Field} in row {Row} against Get-ImpactActionItem.",
        "Check the action's ActionId, or its ActionTrackerId and OrderId, against Get-ImpactAction.");

    public static readonly ErrorKind EarlierWritePending = new("EarlierWritePending", "ResourceBusy",
        "The row needs the item's current quantity, and an earlier write to the same item was still processing when the wait ended. Nothing was sent.",
        "Run again once the earlier write has completed (Wait-ImpactSubmission), or with a larger -WaitTimeoutSeconds; with -JournalPath, rows already accepted are skipped.");

    public static readonly ErrorKind EarlierWriteUnknown = new("EarlierWriteUnknown", "InvalidOperation",
        "The row needs the item's current quantity, and an earlier write to the same item has an unknown outcome, so no current quantity can be trusted. Nothing was sent.",
        "Check the item (Get-ImpactActionItem), then give row {Row} an absolute Quantity, or rerun with -ResendUnknown if the earlier write was not applied.");

    public static readonly ErrorKind SubmissionFailed = new("SubmissionFailed", "InvalidResult",
        "The API accepted the request, then failed it while processing (its submission completed with an ErrorType or ErrorReason): nothing of it was applied.",
        "Read the submission's ErrorReason, correct row {Row}, and run again.",
        "Read the submission's ErrorReason, correct the change, and send it again.");

    public static readonly ErrorKind SubmissionTimedOut = new("SubmissionTimedOut", "OperationTimeout",
        "The request was accepted and its submission was still processing when the wait ended.",
        "Follow it with Wait-ImpactSubmission -BatchId, or run again with a longer -WaitTimeoutSeconds.",
        "Follow it with Wait-ImpactSubmission -BatchId and a longer -Timeout.",
        "Wait again with Wait-ImpactSubmission -BatchId and a longer -Timeout.");

    public static readonly ErrorKind SubmissionUnreadable = new("SubmissionUnreadable", "ConnectionError",
        "The request was accepted, but its submission's status could not be read, so whether it was applied is not known yet.",
        "Check it later with Get-ImpactSubmission -BatchId.");

    public static readonly ErrorKind JournalUnavailable = new("JournalUnavailable", "WriteError",
        "The journal cannot be opened or written, so the run stopped before the next request: rows already accepted keep their results, the others were not sent.",
        "Make the journal's folder writable (or free disk space) and run again with the same -JournalPath.");

    public static readonly ErrorKind JournalInUse = new("JournalInUse", "ResourceBusy",
        "Another run (another process or runspace) holds the journal, so this run sent nothing.",
        "Wait for the other run to finish, or give this run its own -JournalPath.");

    public static readonly ErrorKind JournalOtherAccount = new("JournalOtherAccount", "InvalidArgument",
        "The journal records requests to another account or address than this connection's, so this run sent nothing: what it says was accepted there says nothing of this account.",
        "Give this run its own -JournalPath: a journal belongs to one account at one address.");

    // Kinds of a command rather than of a row: connecting, reading, submissions.

    public static readonly ErrorKind NotConnected = new("NotConnected", "ConnectionError",
        "The runspace has no connection: Connect-ImpactAccount was not run in it, or it failed.",
        "Run Connect-ImpactAccount, or pass a connection with -Connection.");

    public static readonly ErrorKind InvalidConnection = new("InvalidConnection", "InvalidArgument",
        "The connection cannot be made or used as given: an address that is not https:// (or loopback), credentials missing, a proxy the runtime cannot use.",
        "Correct the parameter the message names and run Connect-ImpactAccount again.");

    public static readonly ErrorKind Unauthorized = new("Unauthorized", "AuthenticationError",
        "The API refused the credentials (401), or their access to this account's resources (403).",
        "Check the AccountSid and AuthToken given to Connect-ImpactAccount (-AccountSid, -AuthToken, -Credential or IMPACT_ACCOUNT_SID and IMPACT_AUTH_TOKEN).");

    public static readonly ErrorKind ProxyAuthenticationRequired = new("ProxyAuthenticationRequired", "AuthenticationError",
        "The proxy asked for credentials (407) and was given none, or refused those it was given.",
        "Connect with -ProxyCredential, or -ProxyUseDefaultCredentials for the signed-in Windows user.");

    public static readonly ErrorKind CredentialCheckFailed = new("CredentialCheckFailed", "ConnectionError",
        "Connect-ImpactAccount could not check the credentials: the API did not answer its one request.",
        "Check the network and -BaseUri, or connect with -SkipCredentialCheck to go without the check.");

    public static readonly ErrorKind NotFound = new("NotFound", "ObjectNotFound",
        "The API has no such record (an ActionId, or its items).",
        "Check the identifier against Get-ImpactAction.");

    public static readonly ErrorKind InvalidQuery = new("InvalidQuery", "InvalidArgument",
        "The listing cannot be asked for as given (a range the API refuses, dates in the wrong order). Nothing was sent.",
        "Correct the parameter the message names (-StartDate, -EndDate, or add -ClampToThreeYears).");

    public static readonly ErrorKind InvalidResponse = new("InvalidResponse", "InvalidResult",
        "The API answered something the module cannot read (a page cut short, a malformed record).",
        "Run the command again; if it persists, run it with -Debug to see the answer, without the token.");

    public static readonly ErrorKind NothingToContinue = new("NothingToContinue", "InvalidOperation",
        "Get-ImpactAction -Continue has no listing of this session to go on with.",
        "Run Get-ImpactAction -CampaignId first, then -Continue.");

    public static readonly ErrorKind NotASubmission = new("NotASubmission", "InvalidType",
        "An action or an item names no submission.",
        "Pipe the results of Set-ImpactActionItem, Set-ImpactAction or Undo-ImpactAction (each carries its BatchId), or give -BatchId.");

    public static readonly ErrorKind NoSubmissionNamed = new("NoSubmissionNamed", "InvalidArgument",
        "Get-ImpactSubmission or Wait-ImpactSubmission was given no submission.",
        "Give -BatchId or -QueuedUri, or pipe the results of a write cmdlet.");

    public static readonly ErrorKind SubmissionNotFound = new("SubmissionNotFound", "ObjectNotFound",
        "The API does not know the BatchId: it is wrong, of another account, or older than the about 90 days submissions are kept.",
        "Check the BatchId, and the account the session is connected to.");

    public static readonly ErrorKind Unexpected = new("Unexpected", "NotSpecified",
        "A failure the module has no kind for: a fault of the module.",
        "Run the command again with -Debug and report the error with its ScriptStackTrace, without the token.");

    public static IReadOnlyList<ErrorKind> All { get; } = typeof(ErrorKinds).GetFields()
        .Where(f => f.FieldType == typeof(ErrorKind)).Select(f => (ErrorKind)f.GetValue(null)!).ToList();

    /// <summary>The kind with this id (without the "ImpactActions." prefix), or null.</summary>
    public static ErrorKind? Find(string? id) => All.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));
}
