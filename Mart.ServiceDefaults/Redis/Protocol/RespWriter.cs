using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Mart.ServiceDefaults.Redis.Protocol;

/// <summary>Writes commands in RESP2: an array of bulk strings, the command name first.</summary>
internal static class RespWriter
{
    // '$' or '*', up to 20 characters of a long, CRLF.
    private const int MaxHeaderLength = 1 + 20 + 2;

    /// <summary>Writes <c>*n CRLF $len CRLF name CRLF ...</c> for the command and its arguments.</summary>
    public static void WriteCommand(IBufferWriter<byte> output, string command, ReadOnlySpan<RedisArgument> arguments)
    {
        WriteHeader(output, (byte)'*', arguments.Length + 1);
        WriteText(output, command);
        foreach (var argument in arguments)
        {
            if (argument.IsText)
            {
                WriteText(output, argument.Text);
            }
            else if (argument.IsInteger)
            {
                WriteInteger(output, argument.IntegerValue);
            }
            else
            {
                WriteBytes(output, argument.Bytes.Span);
            }
        }
    }

    private static void WriteText(IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WriteHeader(output, (byte)'$', length);
        if (length <= 4096)
        {
            var span = output.GetSpan(length + 2);
            Encoding.UTF8.GetBytes(text, span);
            span[length] = (byte)'\r';
            span[length + 1] = (byte)'\n';
            output.Advance(length + 2);
            return;
        }

        Encoding.UTF8.GetBytes(text, output);
        output.Write("\r\n"u8);
    }

    private static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        WriteBytes(output, digits[..length]);
    }

    private static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        WriteHeader(output, (byte)'$', bytes.Length);
        output.Write(bytes);
        output.Write("\r\n"u8);
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte prefix, long value)
    {
        var span = output.GetSpan(MaxHeaderLength);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var length);
        span[1 + length] = (byte)'\r';
        span[2 + length] = (byte)'\n';
        output.Advance(length + 3);
    }
}
