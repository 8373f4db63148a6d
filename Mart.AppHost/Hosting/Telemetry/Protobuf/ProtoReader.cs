using System.Buffers.Binary;
using System.Text;

namespace Mart.Hosting.Telemetry.Protobuf;

/// <summary>
/// Reads protobuf wire format from a span, one field at a time. Nested messages are read by slicing the
/// parent's bytes, so decoding an export request copies nothing but the strings it keeps.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public int FieldNumber { get; private set; }

    public WireType WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (_position >= _buffer.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        FieldNumber = checked((int)(tag >> 3));
        WireType = (WireType)(tag & 7);
        if (FieldNumber == 0)
        {
            throw new InvalidDataException("A protobuf field number cannot be 0.");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw Truncated();
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        return length > int.MaxValue ? throw Truncated() : Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>A nested message, as its own reader.</summary>
    public ProtoReader ReadMessage() => new(ReadBytes());

    /// <summary>Reads a repeated fixed64 field, packed or not, into <paramref name="values"/>.</summary>
    public void ReadRepeatedFixed64(List<ulong> values)
    {
        if (WireType == WireType.LengthDelimited)
        {
            var packed = ReadBytes();
            for (var i = 0; i + 8 <= packed.Length; i += 8)
            {
                values.Add(BinaryPrimitives.ReadUInt64LittleEndian(packed[i..]));
            }
        }
        else
        {
            values.Add(ReadFixed64());
        }
    }

    /// <summary>Reads a repeated double field, packed or not, into <paramref name="values"/>.</summary>
    public void ReadRepeatedDouble(List<double> values)
    {
        if (WireType == WireType.LengthDelimited)
        {
            var packed = ReadBytes();
            for (var i = 0; i + 8 <= packed.Length; i += 8)
            {
                values.Add(BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReadUInt64LittleEndian(packed[i..])));
            }
        }
        else
        {
            values.Add(ReadDouble());
        }
    }

    /// <summary>Skips the current field: OTLP grows by adding fields, and a reader must pass over the ones it does not know.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.LengthDelimited:
                ReadBytes();
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            case WireType.StartGroup:
                SkipGroup(FieldNumber);
                break;
            default:
                throw new InvalidDataException($"Unexpected protobuf wire type {WireType} for field {FieldNumber}.");
        }
    }

    private void SkipGroup(int groupField)
    {
        while (Next())
        {
            if (WireType == WireType.EndGroup)
            {
                if (FieldNumber != groupField)
                {
                    throw new InvalidDataException("A protobuf group ends with the wrong field number.");
                }

                return;
            }

            Skip();
        }

        throw Truncated();
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _buffer.Length - _position < count)
        {
            throw Truncated();
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static InvalidDataException Truncated() => new("The protobuf message is truncated.");
}
