namespace MacroLab.Data.Csv;

/// <summary>
/// Reads RFC 4180 records from text: comma-separated, optionally double-quoted fields (a quote inside is doubled),
/// records ended by LF, CRLF or CR. Tracks the 1-based line each record starts on and whether it ended with a line
/// break, so that parsers can name the exact place of a problem and tell a truncated last line.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly string _text;
    private readonly string _source;
    private int _position;
    private int _nextLine = 1;
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private bool[] _unescaped = new bool[64];
    private char[] _scratch = new char[256];
    private int _scratchLength;

    public CsvRecordReader(string text, string source)
    {
        // A UTF-8 byte order mark decoded as U+FEFF is not part of the first header.
        _text = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        _source = source;
    }

    /// <summary>The name of the input, for error messages.</summary>
    public string Source => _source;

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>Whether the current record was ended by a line break (false only for a last line without one).</summary>
    public bool EndedWithLineBreak { get; private set; }

    /// <summary>Whether the current record is an empty line.</summary>
    public bool IsEmptyLine => FieldCount == 1 && _lengths[0] == 0 && !_unescaped[0];

    /// <summary>Whether every field of the current record is empty (e.g. a row of bare commas).</summary>
    public bool AllFieldsEmpty
    {
        get
        {
            for (int i = 0; i < FieldCount; i++)
            {
                if (_lengths[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Whether all input has been read.</summary>
    public bool AtEnd => _position >= _text.Length;

    /// <summary>The raw text of field <paramref name="index"/>, unquoted and unescaped.</summary>
    public ReadOnlySpan<char> Field(int index) =>
        _unescaped[index] ? _scratch.AsSpan(_starts[index], _lengths[index]) : _text.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Field <paramref name="index"/> as a string.</summary>
    public string FieldString(int index) => Field(index).ToString();

    /// <summary>Reads the next record; false at the end of the input.</summary>
    /// <exception cref="DataFormatException">A quoted field is not closed, or text follows a closing quote.</exception>
    public bool Read()
    {
        if (_position >= _text.Length)
        {
            FieldCount = 0;
            return false;
        }

        Line = _nextLine;
        FieldCount = 0;
        _scratchLength = 0;
        ReadOnlySpan<char> text = _text;
        while (true)
        {
            int field = FieldCount++;
            EnsureFieldCapacity(FieldCount);
            if (_position < text.Length && text[_position] == '"')
            {
                ReadQuoted(field);
            }
            else
            {
                int end = text[_position..].IndexOfAny(',', '\n', '\r');
                end = end < 0 ? text.Length : _position + end;
                _starts[field] = _position;
                _lengths[field] = end - _position;
                _unescaped[field] = false;
                _position = end;
            }

            if (_position >= text.Length)
            {
                EndedWithLineBreak = false;
                return true;
            }

            char separator = text[_position++];
            if (separator == ',')
            {
                continue;
            }

            if (separator == '\r' && _position < text.Length && text[_position] == '\n')
            {
                _position++;
            }

            _nextLine++;
            EndedWithLineBreak = true;
            return true;
        }
    }

    private void ReadQuoted(int field)
    {
        ReadOnlySpan<char> text = _text;
        int openLine = _nextLine;
        int start = ++_position;
        bool escaped = false;
        while (true)
        {
            int quote = text[_position..].IndexOf('"');
            if (quote < 0)
            {
                throw new DataFormatException(_source, openLine, (field + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    null, "a quoted field is never closed (missing '\"')");
            }

            _nextLine += text.Slice(_position, quote).Count('\n');
            _position += quote + 1;
            if (_position < text.Length && text[_position] == '"')
            {
                escaped = true;
                _position++;
                continue;
            }

            break;
        }

        int length = _position - 1 - start;
        if (escaped)
        {
            ReadOnlySpan<char> raw = text.Slice(start, length);
            EnsureScratch(_scratchLength + raw.Length);
            int written = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                _scratch[_scratchLength + written++] = raw[i];
                if (raw[i] == '"')
                {
                    i++;
                }
            }

            _starts[field] = _scratchLength;
            _lengths[field] = written;
            _unescaped[field] = true;
            _scratchLength += written;
        }
        else
        {
            _starts[field] = start;
            _lengths[field] = length;
            _unescaped[field] = false;
        }

        if (_position < text.Length && text[_position] is not (',' or '\n' or '\r'))
        {
            throw new DataFormatException(_source, _nextLine, (field + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                text.Slice(_position, Math.Min(20, text.Length - _position)).ToString(), "unexpected text after a closing quote");
        }
    }

    private void EnsureFieldCapacity(int count)
    {
        if (count > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
            Array.Resize(ref _unescaped, _unescaped.Length * 2);
        }
    }

    private void EnsureScratch(int length)
    {
        if (length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(length, _scratch.Length * 2));
        }
    }
}
