using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Hashing;

/// <summary>RFC 8785 examples: §3.2.2 (the complete example), §3.2.3 (sorting) and Appendix B (number formatting).</summary>
public class CanonicalJsonTests
{
    [Fact]
    public void The_RFC_8785_section_3_2_2_example_gives_its_published_output()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void The_RFC_8785_section_3_2_3_sorting_example_orders_names_by_UTF_16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        var expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input)));
    }

    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Appendix_B_numbers_are_written_as_ECMAScript_writes_them(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieeeHex, 16));
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));
        if (expected != "0" || !ieeeHex.StartsWith('8'))
        {
            Assert.Equal(expected, CanonicalJson.Canonicalize(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    public void Appendix_B_NaN_and_infinity_are_rejected(string ieeeHex) =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.FormatNumber(BitConverter.Int64BitsToDouble(Convert.ToInt64(ieeeHex, 16))));

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[1e400]")]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("{\"a\":")]
    [InlineData("[1] [2]")]
    public void Input_that_is_not_I_JSON_throws_CanonicalJsonException(string json) =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));

    [Fact]
    public void Nesting_deeper_than_the_limit_throws_CanonicalJsonException()
    {
        var json = new string('[', CanonicalJson.MaxDepth + 1) + new string(']', CanonicalJson.MaxDepth + 1);
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));
    }

    [Theory]
    [InlineData("{\"b\":{\"a\":1,\"a\":2}}", "b.a")]
    [InlineData("{\"a\":[0,1e400]}", "a[1]")]
    [InlineData("[{\"x\":\"\\ud800\"}]", "[0].x")]
    [InlineData("{\"a\":", "$")]
    public void The_exception_names_the_path_of_the_offending_element_and_no_value(string json, string path)
    {
        var ex = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));

        Assert.IsAssignableFrom<InvalidFormatException>(ex);
        Assert.Equal(path, ex.JsonPath);
        Assert.DoesNotContain("\"b\"", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1e400", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsReceived_keeps_number_literals_and_sorts_like_rfc_8785()
    {
        var options = new CanonicalJsonOptions { Numbers = CanonicalJsonNumberFormat.AsReceived };

        Assert.Equal("{\"a\":1.50,\"b\":1E400}", Encoding.UTF8.GetString(CanonicalJson.Canonicalize("{ \"b\": 1E400, \"a\": 1.50 }"u8, options)));
        Assert.Equal("{\"a\":1.5,\"b\":2}", Encoding.UTF8.GetString(CanonicalJson.Canonicalize("{\"b\":2,\"a\":1.5}"u8, options)));
    }

    [Fact]
    public void MaxDepth_option_raises_the_nesting_limit()
    {
        var json = Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100));

        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));
        Assert.Equal(200, CanonicalJson.Canonicalize(json, new CanonicalJsonOptions { MaxDepth = 100 }).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalJsonOptions { MaxDepth = 0 });
    }

    [Fact]
    public void Write_to_a_buffer_gives_the_same_bytes_as_Canonicalize()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"z\":[1.0,\"\\u0007\"],\"a\":null}");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        CanonicalJson.Write(document.RootElement, buffer);

        Assert.Equal(CanonicalJson.Canonicalize(document.RootElement), buffer.WrittenSpan.ToArray());
        Assert.Equal("{\"a\":null,\"z\":[1,\"\\u0007\"]}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Equal_documents_written_differently_have_the_same_hash()
    {
        var a = CanonicalJson.Sha256("{\"resourceType\":\"Observation\",\"value\":1.50,\"code\":{\"text\":\"Hb\"}}"u8);
        var b = CanonicalJson.Sha256("{ \"code\" : { \"text\" : \"\\u0048b\" }, \"value\" : 15e-1, \"resourceType\" : \"Observation\" }"u8);
        Assert.Equal(a, b);
    }
}
