namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>
/// FSRS-6 (open-spaced-repetition, "The Algorithm", FSRS-6) as ts-fsrs 5.x computes it with its long-term scheduler
/// (<c>enable_short_term = false</c>) and fuzz off, to the same roundings, so stability, difficulty and intervals
/// equal ts-fsrs's (checked against ts-fsrs itself through node in the tests).
/// </summary>
/// <remarks>
/// <para>Why the long-term scheduler: LMS events do not arrive on FSRS's minute-scale learning steps (1 m, 10 m), so
/// every review, the first included, is scheduled in days, and a same-day review changes difficulty but not
/// stability (t = 0 gives R = 1 in the recall formula).</para>
/// <para>The formulas (w = weights, G = rating 1..4, t = elapsed days, R = retrievability):</para>
/// <list type="bullet">
/// <item>forgetting curve: R(t, S) = (1 + factor·t/S)^(−w20), factor = 0.9^(−1/w20) − 1, so R(S, S) = 0.9;</item>
/// <item>interval: I = round(S·(r^(−1/w20) − 1)/factor) for requested retention r, within [1, maximum];</item>
/// <item>first review: S0(G) = max(w[G−1], 0.1), D0(G) = w4 − e^(w5·(G−1)) + 1 clamped to [1, 10];</item>
/// <item>difficulty: D' = w7·D0(4) + (1 − w7)·(D − w6·(G − 3)·(10 − D)/9) clamped to [1, 10] (linear damping, mean reversion);</item>
/// <item>after recall: S' = S·(1 + e^w8·(11 − D)·S^(−w9)·(e^(w10·(1−R)) − 1)·(w15 if Hard)·(w16 if Easy));</item>
/// <item>after a lapse: S' = min(S, w11·D^(−w12)·((S + 1)^w13 − 1)·e^(w14·(1−R)));</item>
/// <item>intervals of the four ratings are kept in order: I(Again) ≤ I(Hard) &lt; I(Good) &lt; I(Easy).</item>
/// </list>
/// <para>Every intermediate is rounded to 8 decimals where ts-fsrs rounds (<c>roundTo(x, 8)</c>), with JavaScript's
/// <c>Math.round</c> (halves towards +∞), and elapsed days are whole UTC calendar days, as ts-fsrs counts them.</para>
/// </remarks>
public sealed class FsrsScheduler
{
    /// <summary>The smallest stability ts-fsrs allows.</summary>
    public const double MinStability = 0.001;

    /// <summary>The largest stability ts-fsrs allows.</summary>
    public const double MaxStability = 36500;

    private readonly double _decay;
    private readonly double _factor;

    /// <summary>Creates a scheduler.</summary>
    public FsrsScheduler(FsrsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _decay = -parameters[20];
        // As ts-fsrs writes it (Math.pow(decay, −1)·ln 0.9), so the same double comes out.
        _factor = RoundTo(Math.Exp(Math.Pow(_decay, -1) * Math.Log(0.9)) - 1, 8);
        IntervalModifier = RoundTo((Math.Pow(parameters.RequestRetention, 1 / _decay) - 1) / _factor, 8);
    }

    /// <summary>The parameters.</summary>
    public FsrsParameters Parameters { get; }

    /// <summary>Days of interval per day of stability at the requested retention (1 at 90%).</summary>
    public double IntervalModifier { get; }

    /// <summary>
    /// The memory after a review at <paramref name="at"/> rated <paramref name="rating"/>; <paramref name="state"/> is
    /// <c>null</c> for an item never reviewed. A review dated before the previous one counts as the same day.
    /// </summary>
    public MemoryState Review(MemoryState? state, DateTimeOffset at, Rating rating)
    {
        var g = (int)rating;
        if (g is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A review is rated 1 to 4.");
        }
        Span<double> stability = stackalloc double[4];
        Span<double> difficulty = stackalloc double[4];
        int elapsed;
        if (state is not { Reps: > 0 } previous)
        {
            elapsed = 0;
            for (var r = 1; r <= 4; r++)
            {
                stability[r - 1] = InitStability(r);
                difficulty[r - 1] = Math.Clamp(InitDifficulty(r), 1, 10);
            }
        }
        else
        {
            elapsed = Math.Max(0, ElapsedDays(previous.LastReview, at));
            var retrievability = ForgettingCurve(elapsed, previous.Stability);
            for (var r = 1; r <= 4; r++)
            {
                stability[r - 1] = r == 1
                    ? Math.Min(Math.Max(RoundTo(previous.Stability, 8), MinStability), NextForgetStability(previous.Difficulty, previous.Stability, retrievability))
                    : NextRecallStability(previous.Difficulty, previous.Stability, retrievability, r);
                difficulty[r - 1] = NextDifficulty(previous.Difficulty, r);
            }
        }
        // ts-fsrs LongTermScheduler.next_interval: all four intervals, then kept in order.
        var again = NextInterval(stability[0]);
        var hard = NextInterval(stability[1]);
        var good = NextInterval(stability[2]);
        var easy = NextInterval(stability[3]);
        again = Math.Min(again, hard);
        hard = Math.Max(hard, again + 1);
        good = Math.Max(good, hard + 1);
        easy = Math.Max(easy, good + 1);
        var interval = g switch { 1 => again, 2 => hard, 3 => good, _ => easy };
        var lapse = state is { Reps: > 0 } && rating == Rating.Again ? 1 : 0;
        var lastTicks = state is { Reps: > 0 } s && at.UtcTicks < s.LastReviewTicks ? s.LastReviewTicks : at.UtcTicks;
        return new MemoryState(stability[g - 1], difficulty[g - 1], lastTicks, interval, (state?.Reps ?? 0) + 1, (state?.Lapses ?? 0) + lapse);
    }

    /// <summary>
    /// Stability and difficulty after a review rated <paramref name="g"/>, <paramref name="elapsedDays"/> whole days after
    /// the previous one (ignored for the first review, <paramref name="first"/>): the memory part of
    /// <see cref="Review"/> without intervals, for the optimiser's replays.
    /// </summary>
    public (double Stability, double Difficulty) Next(bool first, double stability, double difficulty, int elapsedDays, int g)
    {
        if (first)
        {
            return (InitStability(g), Math.Clamp(InitDifficulty(g), 1, 10));
        }
        var r = ForgettingCurve(elapsedDays, stability);
        var s = g == 1
            ? Math.Min(Math.Max(RoundTo(stability, 8), MinStability), NextForgetStability(difficulty, stability, r))
            : NextRecallStability(difficulty, stability, r, g);
        return (s, NextDifficulty(difficulty, g));
    }

    /// <summary>
    /// Recall probability of <paramref name="state"/> at <paramref name="now"/>, on the forgetting curve with elapsed
    /// time in fractional days (ts-fsrs's <c>get_retrievability</c> floors to whole days; a planner wants the curve).
    /// </summary>
    public double Retrievability(in MemoryState state, DateTimeOffset now)
    {
        var days = Math.Max(0, (now.UtcTicks - state.LastReviewTicks) / (double)TimeSpan.TicksPerDay);
        return Math.Pow(1 + _factor * days / state.Stability, _decay);
    }

    /// <summary>ts-fsrs <c>forgetting_curve</c>: R(t, S) rounded to 8 decimals.</summary>
    public double ForgettingCurve(double elapsedDays, double stability) =>
        RoundTo(Math.Pow(1 + _factor * elapsedDays / stability, _decay), 8);

    /// <summary>ts-fsrs <c>init_stability</c>: S0(G) = max(w[G−1], 0.1).</summary>
    public double InitStability(int g) => Math.Max(Parameters[g - 1], 0.1);

    /// <summary>ts-fsrs <c>init_difficulty</c>: D0(G) = w4 − e^((G−1)·w5) + 1, rounded, not clamped.</summary>
    public double InitDifficulty(int g) => RoundTo(Parameters[4] - Math.Exp((g - 1) * Parameters[5]) + 1, 8);

    /// <summary>ts-fsrs <c>next_difficulty</c>: linear damping, then mean reversion towards D0(Easy), clamped to [1, 10].</summary>
    public double NextDifficulty(double d, int g)
    {
        var delta = -Parameters[6] * (g - 3);
        var next = d + RoundTo(delta * (10 - d) / 9, 8);
        return Math.Clamp(RoundTo(Parameters[7] * InitDifficulty(4) + (1 - Parameters[7]) * next, 8), 1, 10);
    }

    /// <summary>ts-fsrs <c>next_recall_stability</c>.</summary>
    public double NextRecallStability(double d, double s, double r, int g)
    {
        var hardPenalty = g == 2 ? Parameters[15] : 1;
        var easyBonus = g == 4 ? Parameters[16] : 1;
        var next = s * (1 + Math.Exp(Parameters[8]) * (11 - d) * Math.Pow(s, -Parameters[9]) * (Math.Exp((1 - r) * Parameters[10]) - 1) * hardPenalty * easyBonus);
        return RoundTo(Math.Clamp(next, MinStability, MaxStability), 8);
    }

    /// <summary>ts-fsrs <c>next_forget_stability</c>.</summary>
    public double NextForgetStability(double d, double s, double r)
    {
        var next = Parameters[11] * Math.Pow(d, -Parameters[12]) * (Math.Pow(s + 1, Parameters[13]) - 1) * Math.Exp((1 - r) * Parameters[14]);
        return RoundTo(Math.Clamp(next, MinStability, MaxStability), 8);
    }

    /// <summary>ts-fsrs <c>next_interval</c> with fuzz off: round(S·modifier) within [1, maximum].</summary>
    public int NextInterval(double stability) =>
        (int)Math.Min(Math.Max(1, JsRound(stability * IntervalModifier)), Parameters.MaximumInterval);

    /// <summary>Whole UTC calendar days from <paramref name="last"/> to <paramref name="now"/> (ts-fsrs <c>dateDiffInDays</c>).</summary>
    public static int ElapsedDays(DateTimeOffset last, DateTimeOffset now) =>
        DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(last.UtcDateTime).DayNumber;

    /// <summary>JavaScript's <c>Math.round</c>: the nearest integer, halves towards +∞ (C#'s rounds halves to even).</summary>
    public static double JsRound(double x)
    {
        var floor = Math.Floor(x);
        return x - floor >= 0.5 ? floor + 1 : floor;
    }

    /// <summary>ts-fsrs <c>roundTo</c>: Math.round(x·10^d)/10^d.</summary>
    public static double RoundTo(double x, int decimals)
    {
        var factor = Math.Pow(10, decimals);
        return JsRound(x * factor) / factor;
    }
}
