using System.Buffers;
using System.Text;
using Mart.ServiceDefaults.Redis;
using Mart.ServiceDefaults.Redis.Protocol;

namespace Mart.Tests.Unit.Redis;

public sealed class RespWriterTests
{
    [Fact]
    public void A_command_is_an_array_of_bulk_strings()
    {
        Assert.Equal("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n", Write("SET", "key", "value"));
    }

    [Fact]
    public void A_command_without_arguments_is_a_one_element_array()
    {
        Assert.Equal("*1\r\n$4\r\nPING\r\n", Write("PING"));
    }

    [Fact]
    public void Integers_are_sent_as_decimal_text()
    {
        Assert.Equal(
            "*5\r\n$6\r\nINCRBY\r\n$1\r\n0\r\n$2\r\n-7\r\n$20\r\n-9223372036854775808\r\n$10\r\n2147483647\r\n",
            Write("INCRBY", 0, -7L, long.MinValue, int.MaxValue));
    }

    [Fact]
    public void Text_is_utf8_and_its_length_counts_bytes()
    {
        Assert.Equal("*2\r\n$3\r\nGET\r\n$7\r\nclé€\r\n", Write("GET", "clé€"));
    }

    [Fact]
    public void Binary_values_are_sent_unchanged_even_with_crlf_inside()
    {
        byte[] value = [0, 13, 10, 255, (byte)'$'];

        var written = WriteBytes("SET", "k", value);

        Assert.Equal(
            Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\n").Concat(value).Concat("\r\n"u8.ToArray()),
            written);
    }

    [Fact]
    public void Empty_values_are_zero_length_bulk_strings()
    {
        Assert.Equal("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n", Write("SET", "", ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void Long_text_and_large_binary_values_are_written_whole()
    {
        var text = new string('x', 10_000) + "é";
        var blob = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(blob);

        var written = WriteBytes("SET", text, blob);

        var expected = Encoding.UTF8.GetBytes($"*3\r\n$3\r\nSET\r\n$10002\r\n{text}\r\n${blob.Length}\r\n")
            .Concat(blob)
            .Concat("\r\n"u8.ToArray());
        Assert.Equal(expected, written);
    }

    [Fact]
    public void What_the_writer_writes_the_parser_reads_back()
    {
        byte[] blob = [1, 2, 3, 13, 10];
        var written = WriteBytes("XADD", "s", "*", "data", blob, 42);

        var reply = Assert.Single(RespFeed.ParseWhole(written));

        Assert.Equal(["XADD", "s", "*", "data", "\u0001\u0002\u0003\r\n", "42"], reply.Elements.Select(e => e.AsString()));
    }

    private static string Write(string command, params RedisArgument[] arguments) =>
        Encoding.UTF8.GetString(WriteBytes(command, arguments));

    private static byte[] WriteBytes(string command, params RedisArgument[] arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(output, command, arguments);
        return output.WrittenSpan.ToArray();
    }
}
