namespace MediBloc.Sdk.Diagnostics;

/// <summary>
/// The names to subscribe to for the SDK's traces and metrics (for example with OpenTelemetry:
/// <c>AddSource(MediBlocDiagnostics.ActivitySourceName, MediBlocDiagnostics.StorageActivitySourceName)</c> and
/// <c>AddMeter(MediBlocDiagnostics.MeterName)</c>), and the one tag vocabulary every activity and instrument uses.
/// Tags carry CIDs, content types, counts and sizes only — never an address, a key or any plaintext.
/// </summary>
public static class MediBlocDiagnostics
{
    /// <summary>The activity source of the client, its role clients and the contract clients: one activity per operation (<c>PatientClient.Publish</c>, <c>ProviderClient.Open</c>, <c>RecordRegistryClient.AnchorAsync</c> …).</summary>
    public const string ActivitySourceName = "MediBloc.Sdk";

    /// <summary>The activity source of the content stores and the Kubo RPC client (<c>IpfsContentStore.Put</c> …).</summary>
    public const string StorageActivitySourceName = "MediBloc.Sdk.Storage";

    /// <summary>The meter of the SDK's instruments (see <see cref="Instruments"/>).</summary>
    public const string MeterName = "MediBloc.Sdk";

    /// <summary>The names of the SDK's instruments.</summary>
    public static class Instruments
    {
        /// <summary>Counter: records anchored (on their own or in a batch), by this process. Tag <see cref="Tags.Anchor"/>.</summary>
        public const string RecordsPublished = "medibloc.records.published";

        /// <summary>Counter: records opened and verified, by this process.</summary>
        public const string RecordsOpened = "medibloc.records.opened";

        /// <summary>Up-down counter: records this process put in the outbox, less those it finished (a resume after a restart counts down what an earlier process left).</summary>
        public const string OutboxDepth = "medibloc.outbox.depth";

        /// <summary>Counter, unit <c>{gas}</c>: gas used by the anchors this process sent.</summary>
        public const string GasUsed = "medibloc.chain.gas_used";

        /// <summary>Counter, unit <c>By</c>: bytes of sealed envelopes and manifests this process put into the content store.</summary>
        public const string BytesStored = "medibloc.storage.bytes_stored";
    }

    /// <summary>The tag names of activities and instruments.</summary>
    public static class Tags
    {
        /// <summary>A content identifier.</summary>
        public const string Cid = "medibloc.cid";

        /// <summary>A record's content type (for example <c>application/fhir+json</c>).</summary>
        public const string ContentType = "medibloc.content_type";

        /// <summary>A size in bytes.</summary>
        public const string Bytes = "medibloc.bytes";

        /// <summary>A number of objects a store handled in one call.</summary>
        public const string Objects = "medibloc.objects";

        /// <summary>A number of records.</summary>
        public const string Records = "medibloc.records";

        /// <summary>A batch's Merkle root.</summary>
        public const string Root = "medibloc.root";

        /// <summary>A contract's name.</summary>
        public const string Contract = "medibloc.contract";

        /// <summary>How a record was anchored: <c>single</c> or <c>batch</c>.</summary>
        public const string Anchor = "medibloc.anchor";

        /// <summary>A number of records an operation could not finish (left in the outbox, not restored).</summary>
        public const string Failed = "medibloc.failed";

        /// <summary>A number of manifests an operation passed over (unreadable, or their grant no longer stands).</summary>
        public const string Skipped = "medibloc.skipped";

        /// <summary>The kind of a grant's scope: <c>All</c>, <c>Record</c> or <c>ContentType</c> (never the scope's value).</summary>
        public const string Scope = "medibloc.scope";

        /// <summary>A number of guardians.</summary>
        public const string Guardians = "medibloc.guardians";

        /// <summary>A number of key shares.</summary>
        public const string Shares = "medibloc.shares";

        /// <summary>A storage quota in gigabytes.</summary>
        public const string Gigabytes = "medibloc.gigabytes";

        /// <summary>A failed operation's exception type (its full name, never its message), as OpenTelemetry names it.</summary>
        public const string ErrorType = "error.type";
    }
}
