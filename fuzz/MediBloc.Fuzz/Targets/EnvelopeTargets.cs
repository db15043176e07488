using MediBloc.Sdk.Crypto;

namespace MediBloc.Fuzz.Targets;

/// <summary>Record envelopes as a stranger can hand them over: whole, streamed, and the header alone.</summary>
internal static class EnvelopeTargets
{
    public static IEnumerable<FuzzTarget> All =>
    [
        new("envelope-open", "RecordEnvelope.Open in memory, with the secp256k1 and the X25519 key", OpenInMemory),
        new("envelope-open-stream", "RecordEnvelope.Open over streams; must agree with the in-memory open", OpenStreamed),
        new("envelope-header", "RecordEnvelope.ReadHeader: prefix, content type and the recipients block", Header),
    ];

    private static void OpenInMemory(byte[] input)
    {
        FuzzTarget.Expect(() => RecordEnvelope.Open(input, FuzzKeys.Account));
        FuzzTarget.Expect(() => RecordEnvelope.Open(input, FuzzKeys.Agreement));
    }

    private static void OpenStreamed(byte[] input)
    {
        var header = Try(() => RecordEnvelope.ReadHeader(input));
        var useAgreement = header?.KeyWrapSuite is KeyWrapSuite.EciesX25519;
        var inMemory = Try(() => useAgreement ? RecordEnvelope.Open(input, FuzzKeys.Agreement) : RecordEnvelope.Open(input, FuzzKeys.Account));
        using var plaintext = new MemoryStream();
        var streamed = Try(() =>
        {
            using var source = new MemoryStream(input, writable: false);
            return useAgreement ? RecordEnvelope.Open(source, plaintext, FuzzKeys.Agreement) : RecordEnvelope.Open(source, plaintext, FuzzKeys.Account);
        });
        FuzzTarget.Check((inMemory is null) == (streamed is null), "the streamed open and the in-memory open disagree on whether the envelope opens");
        if (inMemory is not null && streamed is not null)
        {
            FuzzTarget.Check(inMemory.Plaintext.Span.SequenceEqual(plaintext.ToArray()), "the streamed open and the in-memory open return different plaintexts");
            FuzzTarget.Check(inMemory.Commitment.AsSpan().SequenceEqual(streamed.Commitment.AsSpan()), "the streamed open and the in-memory open return different commitments");
            FuzzTarget.Check(inMemory.ContentType == streamed.ContentType, "the streamed open and the in-memory open return different content types");
        }
    }

    private static void Header(byte[] input) => FuzzTarget.Expect(() =>
    {
        var header = RecordEnvelope.ReadHeader(input);
        FuzzTarget.Check(header.RecipientCount > 0 && header.SegmentSize > 0 && header.Length > 0, "a header with no recipient, segment or length was accepted");
    });

    private static T? Try<T>(Func<T> open) where T : class
    {
        try
        {
            return open();
        }
        catch (MediBloc.Sdk.MediBlocException)
        {
            return null;
        }
    }
}
