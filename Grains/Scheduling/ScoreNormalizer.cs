namespace OrleansKube.Scheduling;

/// <summary>Brings one plugin's raw scores over the candidate nodes to 0–100, the way Kubernetes' <c>DefaultNormalizeScore</c> does.</summary>
public static class ScoreNormalizer
{
    public const long MaxScore = 100;

    /// <summary>
    /// Scales so the best node gets 100 and the rest keep their proportion. With <paramref name="reverse"/>, a low raw
    /// score is good: the results are flipped. All zero stays zero (or 100 each when reversed).
    /// </summary>
    public static void Normalize(Span<long> scores, bool reverse = false)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = max == 0 ? 0 : scores[i] * MaxScore / max;
            scores[i] = reverse ? MaxScore - scaled : scaled;
        }
    }
}
