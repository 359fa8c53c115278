namespace Attune.Plugins.MatrixFactorization.Numerics;

/// <summary>
/// A sparse matrix in compressed rows (CSR): row r's entries are <see cref="Columns"/> and <see cref="Values"/> from
/// <see cref="RowStart"/>[r] to <see cref="RowStart"/>[r + 1], sorted by column. Offsets are 64-bit, so the number of
/// entries is limited by the arrays, not by an int offset. <see cref="Source"/> maps each entry back to the input
/// triple it came from, so values can be recomputed (another α) without rebuilding the structure.
/// </summary>
internal sealed class SparseRows
{
    private SparseRows(int rows, int columns, long[] rowStart, int[] cols, float[] values, int[] source)
    {
        Rows = rows;
        ColumnCount = columns;
        RowStart = rowStart;
        Columns = cols;
        Values = values;
        Source = source;
    }

    public int Rows { get; }
    public int ColumnCount { get; }
    public long[] RowStart { get; }
    public int[] Columns { get; }
    public float[] Values { get; }
    public int[] Source { get; }
    public long Count => Columns.LongLength;

    public int RowLength(int row) => (int)(RowStart[row + 1] - RowStart[row]);

    public ReadOnlySpan<int> RowColumns(int row) => Columns.AsSpan((int)RowStart[row], RowLength(row));

    public ReadOnlySpan<float> RowValues(int row) => Values.AsSpan((int)RowStart[row], RowLength(row));

    /// <summary>Builds rows from triples (row[t], column[t], value[t]); duplicates must already be merged.</summary>
    public static SparseRows FromTriples(int rows, int columns, ReadOnlySpan<int> row, ReadOnlySpan<int> column, ReadOnlySpan<float> value)
    {
        // Counting sort by column, then a stable counting sort by row: rows come out sorted by column, in O(n).
        var n = row.Length;
        var byColumn = CountingOrder(column, columns, null);
        var order = CountingOrder(row, rows, byColumn);
        var rowStart = new long[rows + 1];
        foreach (var r in row)
        {
            rowStart[r + 1]++;
        }
        for (var r = 0; r < rows; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }
        var cols = new int[n];
        var values = new float[n];
        var source = new int[n];
        for (var e = 0; e < n; e++)
        {
            var t = order[e];
            cols[e] = column[t];
            values[e] = value[t];
            source[e] = t;
        }
        return new SparseRows(rows, columns, rowStart, cols, values, source);
    }

    /// <summary>The transpose, with the same <see cref="Source"/> mapping.</summary>
    public SparseRows Transpose()
    {
        var n = Columns.Length;
        var rowStart = new long[ColumnCount + 1];
        foreach (var c in Columns)
        {
            rowStart[c + 1]++;
        }
        for (var c = 0; c < ColumnCount; c++)
        {
            rowStart[c + 1] += rowStart[c];
        }
        var next = (long[])rowStart.Clone();
        var cols = new int[n];
        var values = new float[n];
        var source = new int[n];
        for (var r = 0; r < Rows; r++)
        {
            for (var e = RowStart[r]; e < RowStart[r + 1]; e++)
            {
                var at = next[Columns[e]]++;
                cols[at] = r;
                values[at] = Values[e];
                source[at] = Source[e];
            }
        }
        return new SparseRows(ColumnCount, Rows, rowStart, cols, values, source);
    }

    /// <summary>Recomputes every value from its source triple.</summary>
    public void Refill(Func<int, float> valueOfSource)
    {
        for (var e = 0; e < Values.Length; e++)
        {
            Values[e] = valueOfSource(Source[e]);
        }
    }

    // A stable counting sort of positions by key; `within` is an order to keep inside equal keys.
    private static int[] CountingOrder(ReadOnlySpan<int> keys, int keyCount, int[]? within)
    {
        var n = keys.Length;
        var start = new int[keyCount + 1];
        foreach (var k in keys)
        {
            start[k + 1]++;
        }
        for (var k = 0; k < keyCount; k++)
        {
            start[k + 1] += start[k];
        }
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            var t = within is null ? i : within[i];
            order[start[keys[t]]++] = t;
        }
        return order;
    }
}
