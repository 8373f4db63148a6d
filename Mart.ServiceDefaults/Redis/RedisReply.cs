using System.Globalization;
using System.Text;

namespace Mart.ServiceDefaults.Redis;

/// <summary>One RESP2 reply, as read from the server.</summary>
public sealed class RedisReply
{
    private static readonly RedisReply[] NoElements = [];

    private readonly string? text;
    private readonly byte[]? bytes;
    private readonly RedisReply[]? elements;
    private readonly long integer;

    private RedisReply(RedisReplyKind kind, string? text, byte[]? bytes, RedisReply[]? elements, long integer)
    {
        Kind = kind;
        this.text = text;
        this.bytes = bytes;
        this.elements = elements;
        this.integer = integer;
    }

    /// <summary>The null bulk string ("$-1").</summary>
    public static RedisReply NullBulkString { get; } = new(RedisReplyKind.BulkString, null, null, null, 0);

    /// <summary>The null array ("*-1").</summary>
    public static RedisReply NullArray { get; } = new(RedisReplyKind.Array, null, null, null, 0);

    /// <summary>The empty array ("*0").</summary>
    public static RedisReply EmptyArray { get; } = new(RedisReplyKind.Array, null, null, NoElements, 0);

    /// <summary>The reply type.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>True for the null bulk string and the null array.</summary>
    public bool IsNull => Kind switch
    {
        RedisReplyKind.BulkString => bytes is null,
        RedisReplyKind.Array => elements is null,
        _ => false,
    };

    /// <summary>True for an error reply.</summary>
    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>The elements of an array reply (empty for the null array).</summary>
    /// <exception cref="InvalidCastException">The reply is not an array.</exception>
    public IReadOnlyList<RedisReply> Elements => Kind == RedisReplyKind.Array ? elements ?? NoElements : throw WrongKind("an array");

    /// <summary>Creates a status reply.</summary>
    public static RedisReply SimpleString(string value) => new(RedisReplyKind.SimpleString, value, null, null, 0);

    /// <summary>Creates an error reply.</summary>
    public static RedisReply Error(string message) => new(RedisReplyKind.Error, message, null, null, 0);

    /// <summary>Creates an integer reply.</summary>
    public static RedisReply Integer(long value) => new(RedisReplyKind.Integer, null, null, null, value);

    /// <summary>Creates a bulk string reply; <see langword="null"/> gives <see cref="NullBulkString"/>.</summary>
    public static RedisReply BulkString(byte[]? value) => value is null ? NullBulkString : new(RedisReplyKind.BulkString, null, value, null, 0);

    /// <summary>Creates an array reply; <see langword="null"/> gives <see cref="NullArray"/>.</summary>
    public static RedisReply Array(RedisReply[]? items) => items switch
    {
        null => NullArray,
        [] => EmptyArray,
        _ => new(RedisReplyKind.Array, null, null, items, 0),
    };

    /// <summary>The value of an integer reply, or a bulk/status reply holding a decimal integer.</summary>
    /// <exception cref="InvalidCastException">The reply holds no integer.</exception>
    public long AsInt64()
    {
        if (Kind == RedisReplyKind.Integer)
        {
            return integer;
        }

        var value = AsString();
        return value is not null && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw WrongKind("an integer");
    }

    /// <summary>The text of a status, error or bulk reply (bulk decoded as UTF-8); <see langword="null"/> for null bulk.</summary>
    /// <exception cref="InvalidCastException">The reply is an integer or an array.</exception>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.SimpleString or RedisReplyKind.Error => text,
        RedisReplyKind.BulkString => bytes is null ? null : Encoding.UTF8.GetString(bytes),
        _ => throw WrongKind("a string"),
    };

    /// <summary>The bytes of a bulk reply (status text as UTF-8); <see langword="null"/> for null bulk.</summary>
    /// <exception cref="InvalidCastException">The reply is an integer, an error or an array.</exception>
    public byte[]? AsBytes() => Kind switch
    {
        RedisReplyKind.BulkString => bytes,
        RedisReplyKind.SimpleString => Encoding.UTF8.GetBytes(text!),
        _ => throw WrongKind("a bulk string"),
    };

    /// <summary>Throws <see cref="RedisServerException"/> when this is an error reply; returns the reply otherwise.</summary>
    public RedisReply ThrowIfError() => Kind == RedisReplyKind.Error ? throw new RedisServerException(text!) : this;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RedisReplyKind.SimpleString => text!,
        RedisReplyKind.Error => "(error) " + text,
        RedisReplyKind.Integer => integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.BulkString => bytes is null ? "(nil)" : Encoding.UTF8.GetString(bytes),
        _ => elements is null ? "(nil array)" : "[" + string.Join(", ", elements.Select(e => e.ToString())) + "]",
    };

    private InvalidCastException WrongKind(string wanted) =>
        new($"The Redis reply is {(IsNull ? "null " : string.Empty)}{Kind}, not {wanted}: {ToString()}");
}
