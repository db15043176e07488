namespace MediBloc.Sdk.Core.Tests;

/// <summary>The exception family and its extensible codes, as every package throws them.</summary>
public class ErrorKernelTests
{
    [Fact]
    public void Error_codes_compare_by_name_and_convert_from_strings()
    {
        MediBlocErrorCode custom = "NonceTooLow";

        Assert.Equal(new MediBlocErrorCode("NonceTooLow"), custom);
        Assert.NotEqual(MediBlocErrorCode.NotFound, custom);
        Assert.Equal("NonceTooLow", custom.ToString());
        Assert.Equal(new MediBlocErrorCode("NonceTooLow").GetHashCode(), custom.GetHashCode());
    }

    [Fact]
    public void The_default_error_code_is_Unknown()
    {
        MediBlocErrorCode none = default;

        Assert.Equal("Unknown", none.ToString());
        Assert.Equal(MediBlocErrorCode.Unknown, none);
        Assert.Equal(MediBlocErrorCode.Unknown.GetHashCode(), none.GetHashCode());
    }

    [Fact]
    public void Empty_code_and_check_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MediBlocErrorCode(string.Empty));
        Assert.Throws<ArgumentException>(() => new IntegrityCheck(string.Empty));
    }

    [Fact]
    public void Integrity_checks_compare_by_name()
    {
        IntegrityCheck check = "Cid";

        Assert.Equal(IntegrityCheck.Cid, check);
        Assert.True(IntegrityCheck.Tag != check);
        Assert.Equal("Cid", check.ToString());
    }

    [Fact]
    public void Each_subclass_carries_its_own_default_code()
    {
        Assert.Equal(MediBlocErrorCode.Unknown, new MediBlocException("x").Code);
        Assert.Equal(MediBlocErrorCode.AccessDenied, new AccessDeniedException("x").Code);
        Assert.Equal(MediBlocErrorCode.ChainError, new ChainException("x").Code);
        Assert.Equal(MediBlocErrorCode.StorageError, new StorageException("x").Code);
        Assert.Equal(MediBlocErrorCode.NotFound, new NotFoundException("x").Code);
        Assert.Equal(MediBlocErrorCode.QuotaExceeded, new QuotaExceededException("x").Code);
        Assert.Equal(MediBlocErrorCode.InvalidFormat, new InvalidFormatException("x").Code);
        var integrity = new IntegrityException("x", IntegrityCheck.Tag);
        Assert.Equal(MediBlocErrorCode.IntegrityCheckFailed, integrity.Code);
        Assert.Equal(IntegrityCheck.Tag, integrity.Check);
    }

    [Fact]
    public void Every_subclass_is_a_MediBlocException_and_keeps_the_inner_exception()
    {
        var inner = new HttpRequestException("connection refused");
        MediBlocException[] all =
        [
            new AccessDeniedException("x", inner), new ChainException("x", inner), new StorageException("x", inner),
            new NotFoundException("x", inner), new QuotaExceededException("x", inner), new InvalidFormatException("x", inner),
            new IntegrityException("x", inner),
        ];

        Assert.All(all, e => Assert.Same(inner, e.InnerException));
    }

    [Fact]
    public void Chain_and_content_facts_ride_on_the_exception()
    {
        var ex = new ChainException("reverted", MediBlocErrorCode.TransactionReverted)
        {
            TransactionHash = "0xabc", Cid = "bafy", RevertError = "AlreadyAnchored", RevertArguments = ["0x01"],
            Endpoint = new Uri("http://127.0.0.1:8545"),
        };

        Assert.Equal("0xabc", ex.TransactionHash);
        Assert.Equal("bafy", ex.Cid);
        Assert.Equal("AlreadyAnchored", ex.RevertError);
        Assert.Equal(["0x01"], ex.RevertArguments);
        Assert.Empty(new ChainException("x").RevertArguments);
    }

    [Fact]
    public void Callers_catch_the_subclass_they_react_to_and_the_base_for_the_rest()
    {
        Assert.Equal("tampered (Tag): fetch another copy", Describe(() => throw new IntegrityException("tag", IntegrityCheck.Tag)));
        Assert.Equal("node down: retry later", Describe(() => throw new ChainException("down", MediBlocErrorCode.NodeUnavailable)));
        Assert.Equal("failed (QuotaExceeded)", Describe(() => throw new QuotaExceededException("full")));
    }

    private static string Describe(Action operation)
    {
        string outcome;
        #region Snippet:CoreCatchErrors
        try
        {
            operation();
            outcome = "done";
        }
        catch (IntegrityException ex)
        {
            outcome = $"tampered ({ex.Check}): fetch another copy";
        }
        catch (ChainException ex) when (ex.Code == MediBlocErrorCode.NodeUnavailable)
        {
            outcome = "node down: retry later";
        }
        catch (MediBlocException ex)
        {
            outcome = $"failed ({ex.Code})";
        }
        #endregion
        return outcome;
    }
}
