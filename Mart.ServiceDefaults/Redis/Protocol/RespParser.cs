using System.Buffers;
using System.Text;

namespace Mart.ServiceDefaults.Redis.Protocol;

/// <summary>
/// Incremental RESP2 reply parser. Feed it whatever bytes have arrived; it returns each reply once complete and
/// keeps partially received arrays between calls, so replies split at any byte boundary parse the same and
/// large array replies are never re-parsed from their start.
/// </summary>
internal sealed class RespParser
{
    /// <summary>Redis' own upper bound for a bulk string (proto-max-bulk-len default).</summary>
    public const long MaxBulkLength = 512L * 1024 * 1024;

    // Status and error lines are short in practice; the cap stops a stream without CRLF from buffering forever.
    private const int MaxLineLength = 1024 * 1024;

    // Length and integer lines: sign, 19 digits, CR.
    private const int MaxNumberLineLength = 24;

    // Redis replies nest a few levels at most; a deep nesting is a corrupt stream, not data.
    private const int MaxDepth = 128;

    private static readonly RedisReply Ok = RedisReply.SimpleString("OK");
    private static readonly RedisReply Pong = RedisReply.SimpleString("PONG");
    private static readonly RedisReply Zero = RedisReply.Integer(0);
    private static readonly RedisReply One = RedisReply.Integer(1);

    private readonly Stack<ArrayBuilder> pending = new();

    /// <summary>True while an array reply has been started but not completed.</summary>
    public bool HasPartialReply => pending.Count > 0;

    /// <summary>
    /// Reads the next complete reply from <paramref name="buffer"/>. On return <paramref name="buffer"/> starts
    /// after everything consumed (including elements of a still incomplete array, which this parser keeps).
    /// </summary>
    /// <returns><see langword="false"/> when more bytes are needed.</returns>
    /// <exception cref="RedisProtocolException">The bytes are not valid RESP2.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out RedisReply? reply)
    {
        var reader = new SequenceReader<byte>(buffer);
        try
        {
            while (TryReadElement(ref reader, out var value, out var arrayLength))
            {
                if (value is null)
                {
                    if (pending.Count == MaxDepth)
                    {
                        throw new RedisProtocolException($"Reply nests arrays deeper than {MaxDepth} levels.");
                    }

                    pending.Push(new ArrayBuilder(arrayLength));
                    continue;
                }

                // Attach the finished value to its parent; finished parents attach to theirs in turn.
                while (pending.Count > 0)
                {
                    var parent = pending.Peek();
                    parent.Add(value);
                    if (!parent.IsComplete)
                    {
                        value = null;
                        break;
                    }

                    pending.Pop();
                    value = RedisReply.Array(parent.Build());
                }

                if (value is not null)
                {
                    reply = value;
                    return true;
                }
            }

            reply = null;
            return false;
        }
        finally
        {
            buffer = buffer.Slice(reader.Position);
        }
    }

    /// <summary>
    /// Reads one scalar, or one array header (then <paramref name="value"/> is null and <paramref name="arrayLength"/> &gt; 0).
    /// Advances <paramref name="reader"/> only when the whole element is available.
    /// </summary>
    private static bool TryReadElement(ref SequenceReader<byte> reader, out RedisReply? value, out int arrayLength)
    {
        value = null;
        arrayLength = 0;
        if (!reader.TryPeek(out var type))
        {
            return false;
        }

        var lookahead = reader;
        lookahead.Advance(1);
        switch (type)
        {
            case (byte)'+':
            case (byte)'-':
                if (!TryReadLine(ref lookahead, MaxLineLength, out var text))
                {
                    return false;
                }

                value = type == '+' ? SimpleString(text) : RedisReply.Error(Decode(text));
                break;

            case (byte)':':
                if (!TryReadLine(ref lookahead, MaxNumberLineLength, out var digits))
                {
                    return false;
                }

                var number = ParseInteger(digits, "integer");
                value = number switch { 0 => Zero, 1 => One, _ => RedisReply.Integer(number) };
                break;

            case (byte)'$':
                if (!TryReadBulk(ref lookahead, out value))
                {
                    return false;
                }

                break;

            case (byte)'*':
                if (!TryReadLine(ref lookahead, MaxNumberLineLength, out var countText))
                {
                    return false;
                }

                var count = ParseInteger(countText, "array length");
                if (count > int.MaxValue || count < -1)
                {
                    throw new RedisProtocolException($"Invalid array length {count}.");
                }

                if (count <= 0)
                {
                    value = count == -1 ? RedisReply.NullArray : RedisReply.EmptyArray;
                }
                else
                {
                    arrayLength = (int)count;
                }

                break;

            default:
                throw new RedisProtocolException($"Unexpected RESP type byte 0x{type:X2} ('{(type is >= 32 and < 127 ? (char)type : '?')}').");
        }

        reader = lookahead;
        return true;
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, out RedisReply? value)
    {
        value = null;
        if (!TryReadLine(ref reader, MaxNumberLineLength, out var lengthText))
        {
            return false;
        }

        var length = ParseInteger(lengthText, "bulk string length");
        if (length == -1)
        {
            value = RedisReply.NullBulkString;
            return true;
        }

        if (length < -1 || length > MaxBulkLength)
        {
            throw new RedisProtocolException($"Invalid bulk string length {length}.");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = length == 0 ? [] : new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException($"Bulk string of {length} bytes is not followed by CRLF.");
        }

        value = RedisReply.BulkString(bytes);
        return true;
    }

    /// <summary>Reads up to CRLF (excluded). A line longer than <paramref name="maxLength"/> without CRLF is an error.</summary>
    private static bool TryReadLine(ref SequenceReader<byte> reader, int maxLength, out ReadOnlySequence<byte> line)
    {
        var probe = reader;
        if (!probe.TryReadTo(out line, (byte)'\n', advancePastDelimiter: true))
        {
            if (reader.Remaining > maxLength)
            {
                throw new RedisProtocolException($"Line of more than {maxLength} bytes has no CRLF.");
            }

            return false;
        }

        if (line.Length == 0 || line.Slice(line.Length - 1).FirstSpan[0] != '\r')
        {
            throw new RedisProtocolException("Line ends with LF without CR.");
        }

        line = line.Slice(0, line.Length - 1);
        if (line.Length > maxLength)
        {
            throw new RedisProtocolException($"Line of {line.Length} bytes exceeds {maxLength}.");
        }

        if (line.PositionOf((byte)'\r') is not null)
        {
            throw new RedisProtocolException("Line contains a bare CR.");
        }

        reader = probe;
        return true;
    }

    private static long ParseInteger(ReadOnlySequence<byte> text, string what)
    {
        Span<byte> scratch = stackalloc byte[MaxNumberLineLength];
        var span = text.IsSingleSegment ? text.FirstSpan : Copy(text, scratch);
        var negative = span.Length > 0 && span[0] == '-';
        var digits = negative ? span[1..] : span;
        if (digits.Length is 0 or > 19)
        {
            throw new RedisProtocolException($"Invalid {what} '{Encoding.ASCII.GetString(span)}'.");
        }

        ulong magnitude = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                throw new RedisProtocolException($"Invalid {what} '{Encoding.ASCII.GetString(span)}'.");
            }

            magnitude = (magnitude * 10) + (ulong)(digit - '0');
        }

        // 19 digits cannot overflow ulong; they can exceed long.
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (magnitude > limit)
        {
            throw new RedisProtocolException($"Invalid {what} '{Encoding.ASCII.GetString(span)}': out of range.");
        }

        return negative ? (long)(0 - magnitude) : (long)magnitude;
    }

    private static ReadOnlySpan<byte> Copy(ReadOnlySequence<byte> text, Span<byte> scratch)
    {
        text.CopyTo(scratch);
        return scratch[..(int)text.Length];
    }

    private static RedisReply SimpleString(ReadOnlySequence<byte> text)
    {
        if (text.IsSingleSegment)
        {
            if (text.FirstSpan.SequenceEqual("OK"u8))
            {
                return Ok;
            }

            if (text.FirstSpan.SequenceEqual("PONG"u8))
            {
                return Pong;
            }
        }

        return RedisReply.SimpleString(Decode(text));
    }

    private static string Decode(ReadOnlySequence<byte> text) => Encoding.UTF8.GetString(text);

    /// <summary>Collects the elements of one array; grows as elements arrive so a huge announced length costs nothing up front.</summary>
    private sealed class ArrayBuilder(int length)
    {
        private RedisReply[] items = new RedisReply[Math.Min(length, 1024)];
        private int count;

        public bool IsComplete => count == length;

        public void Add(RedisReply item)
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, (int)Math.Min((long)items.Length * 2, length));
            }

            items[count++] = item;
        }

        public RedisReply[] Build() => items;
    }
}
