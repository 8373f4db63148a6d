using System.Globalization;
using System.Text;

namespace Mart.ServiceDefaults.Redis;

/// <summary>
/// One argument of a command: text (sent as UTF-8), raw bytes or an integer (sent as decimal text).
/// Converts implicitly from <see cref="string"/>, <see cref="byte"/>[], <see cref="ReadOnlyMemory{T}"/> of bytes,
/// <see cref="long"/> and <see cref="int"/>.
/// </summary>
public readonly struct RedisArgument
{
    private readonly string? text;
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly long integer;
    private readonly byte kind; // 0 = bytes, 1 = text, 2 = integer

    private RedisArgument(string? text, ReadOnlyMemory<byte> bytes, long integer, byte kind)
    {
        this.text = text;
        this.bytes = bytes;
        this.integer = integer;
        this.kind = kind;
    }

    internal bool IsText => kind == 1;

    internal bool IsInteger => kind == 2;

    internal string Text => text!;

    internal ReadOnlyMemory<byte> Bytes => bytes;

    internal long IntegerValue => integer;

    /// <summary>A UTF-8 text argument.</summary>
    public static implicit operator RedisArgument(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), default, 0, 1);

    /// <summary>A binary argument.</summary>
    public static implicit operator RedisArgument(ReadOnlyMemory<byte> value) => new(null, value, 0, 0);

    /// <summary>A binary argument.</summary>
    public static implicit operator RedisArgument(byte[] value) => new(null, value ?? throw new ArgumentNullException(nameof(value)), 0, 0);

    /// <summary>An integer argument.</summary>
    public static implicit operator RedisArgument(long value) => new(null, default, value, 2);

    /// <summary>An integer argument.</summary>
    public static implicit operator RedisArgument(int value) => new(null, default, value, 2);

    /// <inheritdoc />
    public override string ToString() => kind switch
    {
        1 => text!,
        2 => integer.ToString(CultureInfo.InvariantCulture),
        _ => Encoding.UTF8.GetString(bytes.Span),
    };
}
