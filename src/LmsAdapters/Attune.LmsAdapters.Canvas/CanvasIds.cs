using System.Globalization;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// One key per Canvas learner, item and course, whichever channel named it. Canvas REST answers with local
/// ids (<c>48</c>); Live Events and Caliper use global ids, shard × 10^13 + local (<c>21070000000000048</c> is
/// local 48 on shard 2107), as strings; URLs may use <c>2107~48</c> (LMS-NOTES §0.5, §2b). All three become
/// the local id when the shard is the connection's home shard (or when no home shard is configured, which is
/// right for every institution on one shard, i.e. nearly all); an object from another shard (a user of a
/// consortium's other institution) keeps its global id, so two shards' local 48s never merge.
/// </summary>
/// <remarks>
/// Items are keyed by what they are in Canvas, <c>{asset type}:{local id}</c> (<c>assignment:355</c>,
/// <c>quiz:2223333</c>, <c>wiki_page:12</c>, <c>discussion_topic:7</c>, <c>attachment:9</c>,
/// <c>course:565</c>, <c>module_item:313255</c>), the asset types Live Events' <c>asset_accessed</c> uses, so a
/// module item pulled by REST and a view pushed by Live Events name the same item. Learners and courses are
/// the bare local id, as Moodle's adapters name theirs.
/// </remarks>
public sealed class CanvasIds
{
    /// <summary>The factor of the shard in a global id.</summary>
    public const long ShardFactor = 10_000_000_000_000;

    /// <summary>Ids of a connection whose home shard is not known: every shard's ids become local.</summary>
    public static CanvasIds Default { get; } = new();

    /// <summary>Creates the normaliser of one connection.</summary>
    /// <param name="homeShard">The shard of the institution's root account (the global <c>root_account_id</c> divided
    /// by 10^13), or <c>null</c> to treat every shard as home.</param>
    public CanvasIds(long? homeShard = null)
    {
        if (homeShard is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(homeShard), "A shard id is not negative.");
        }
        HomeShard = homeShard;
    }

    /// <summary>The home shard, if configured.</summary>
    public long? HomeShard { get; }

    /// <summary>The key of a numeric id, local or global.</summary>
    public string Normalize(long id)
    {
        if (id >= ShardFactor)
        {
            var shard = id / ShardFactor;
            if (HomeShard is null || HomeShard == shard)
            {
                return (id % ShardFactor).ToString(CultureInfo.InvariantCulture);
            }
        }
        return id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The key of an id as text: a local or global number, or <c>shard~local</c>. <c>null</c> for null, blank
    /// or non-numeric text (SIS ids are not Canvas ids).
    /// </summary>
    public string? Normalize(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        var text = id.AsSpan().Trim();
        var tilde = text.IndexOf('~');
        if (tilde > 0
            && long.TryParse(text[..tilde], NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
            && long.TryParse(text[(tilde + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var local)
            && local < ShardFactor && shard < long.MaxValue / ShardFactor)
        {
            return Normalize(shard * ShardFactor + local);
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Normalize(number) : null;
    }

    /// <summary>The item key of a Canvas object: <c>{assetType}:{normalised id}</c>.</summary>
    /// <param name="assetType">An asset type as Live Events name it (<c>assignment</c>, <c>wiki_page</c>, ...); see <see cref="AssetType"/>.</param>
    /// <param name="id">Its id, local or global.</param>
    public string? ItemKey(string assetType, string? id) => Normalize(id) is { } key ? $"{AssetType(assetType)}:{key}" : null;

    /// <inheritdoc cref="ItemKey(string, string?)"/>
    public string ItemKey(string assetType, long id) => $"{AssetType(assetType)}:{Normalize(id)}";

    /// <summary>
    /// The canonical asset type: lower snake case, with the synonyms REST, Live Events and Caliper URNs use for
    /// one thing folded together (<c>Page</c>, <c>wikiPage</c> → <c>wiki_page</c>; <c>Discussion</c> →
    /// <c>discussion_topic</c>; <c>File</c> → <c>attachment</c>; a namespaced <c>quizzes:quiz</c> → <c>quiz</c>).
    /// </summary>
    public static string AssetType(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var name = type[(type.LastIndexOf(':') + 1)..];
        var snake = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_')
            {
                snake.Append('_');
            }
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString() switch
        {
            "page" => "wiki_page",
            "discussion" => "discussion_topic",
            "file" => "attachment",
            var canonical => canonical,
        };
    }
}
