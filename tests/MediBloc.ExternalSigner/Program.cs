using MediBloc.Sdk.Crypto;

// A key held by this process only. Protocol, one line each way:
//   on start      -> "publickey <65-byte uncompressed key, hex>"
//   "sign <hex>"  -> "signature <65-byte r ‖ s ‖ v, hex>"   (the hex is a 32-byte digest)
//   "count"       -> "count <digests signed so far>"
//   anything else -> "error <reason>"
using var key = Secp256k1PrivateKey.Generate();
Console.WriteLine("publickey " + Convert.ToHexStringLower(key.PublicKey.ToUncompressed()));
var signed = 0;
while (Console.ReadLine() is { } line)
{
    if (line.StartsWith("sign ", StringComparison.Ordinal))
    {
        byte[] digest;
        try
        {
            digest = Convert.FromHexString(line.AsSpan(5));
        }
        catch (FormatException)
        {
            Console.WriteLine("error the digest is not hex");
            continue;
        }
        if (digest.Length != Secp256k1Ecdsa.HashSize)
        {
            Console.WriteLine("error the digest is not 32 bytes");
            continue;
        }
        signed++;
        Console.WriteLine("signature " + Convert.ToHexStringLower(Secp256k1Ecdsa.SignHash(digest, key).ToRsv()));
    }
    else if (line == "count")
    {
        Console.WriteLine("count " + signed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
    else
    {
        Console.WriteLine("error unknown request");
    }
}
