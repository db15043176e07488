using MediBloc.Sdk;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Samples.Web.Node;

/// <summary>Turns the SDK's typed errors into sentences a person can act on. Never includes keys or health data.</summary>
public static class Problems
{
    /// <summary>The sentence for an error.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            IntegrityException integrity when integrity.Check == IntegrityCheck.Cid || integrity.Check == IntegrityCheck.Tag =>
                $"This record was altered after it was anchored: its stored bytes no longer match what was anchored on chain (failed check: {integrity.Check}). Do not rely on it; ask the patient to publish it again.",
            IntegrityException integrity when integrity.Check == IntegrityCheck.Anchor || integrity.Check == IntegrityCheck.Commitment =>
                $"This record does not match any anchor on chain (failed check: {integrity.Check}): it may have been altered or never anchored. Do not rely on it.",
            IntegrityException integrity => $"This record failed an integrity check ({integrity.Check}): {integrity.Message}",
            MediBlocException { Code: var code } when code == MediBlocErrorCode.WrongPassword => "Wrong password for this keystore. Try again.",
            AccessDeniedException denied => $"Access refused: {denied.Message}",
            QuotaExceededException => "Your storage quota is used up. Buy more storage on the Wallet page, then try again.",
            NotFoundException notFound => $"Not found: {notFound.Message}",
            FhirFormatException fhir => $"The FHIR content cannot be used: {fhir.Message}",
            InvalidFormatException format => $"The input is not in the expected format: {format.Message}",
            ChainException chain => $"The chain refused the operation: {chain.Message}",
            StorageException storage => $"The content store failed: {storage.Message}. Check that the store (or IPFS node) is reachable, then retry.",
            MediBlocException other => other.Message,
            ArgumentException argument => argument.Message,
            FormatException format => $"A value is not in the expected format: {format.Message}",
            OperationCanceledException => "The operation was cancelled.",
            _ => $"Something went wrong ({exception.GetType().Name}). Nothing was changed that you would not see in your records or audit trail; try again.",
        };
    }
}
