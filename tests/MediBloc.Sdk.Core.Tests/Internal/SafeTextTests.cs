using System.Text;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Core.Tests.Internal;

public class SafeTextTests
{
    [Fact]
    public void Short_clean_text_is_returned_as_is()
    {
        Assert.Equal("pin: not pinned", SafeText.Truncate("pin: not pinned"));
        Assert.Equal(string.Empty, SafeText.Truncate((string?)null));
    }

    [Fact]
    public void Long_text_is_cut_to_200_characters_with_an_ellipsis()
    {
        var cut = SafeText.Truncate(new string('a', 100_000));

        Assert.Equal(new string('a', 200) + "…", cut);
    }

    [Fact]
    public void Control_characters_and_line_breaks_are_shown_as_question_marks()
    {
        Assert.Equal("a??b?c", SafeText.Truncate("a\r\nb\u0000c"));
    }

    [Fact]
    public void A_surrogate_pair_is_never_split()
    {
        var text = new string('a', 199) + "😀" + "tail";

        var cut = SafeText.Truncate(text);

        Assert.Equal(new string('a', 199) + "…", cut);
    }

    [Fact]
    public void Bytes_are_decoded_leniently_and_only_a_prefix_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes("ok\u0007").Concat(new byte[] { 0xFF, 0xFE }).Concat(Enumerable.Repeat((byte)'z', 1_000_000)).ToArray();

        var text = SafeText.Truncate(bytes, 10);

        Assert.Equal(11, text.Length);
        Assert.StartsWith("ok?", text, StringComparison.Ordinal);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }
}
