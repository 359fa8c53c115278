using System.Runtime.InteropServices;
using System.Text;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Model;

/// <summary>
/// The binary layout of a trained model, tagged <see cref="Format"/>. Little-endian; strings are BinaryWriter's
/// length-prefixed UTF-8; float arrays are raw. Every hyperparameter that fold-in needs (k, λ, ν, α₀, the confidence
/// weights, the explicit λ and μ) travels with the factors, so a learner is always folded in with the settings the
/// model was trained with. Reading validates everything (counts, ids, finiteness, the trailer, no trailing bytes) and
/// fails with a <see cref="FormatException"/> instead of building a half-valid model.
/// </summary>
internal static class ModelArtifactFormat
{
    /// <summary>The artifact format tag; a change of layout gets a new tag.</summary>
    public const string Format = "mf-als-v1";

    private const uint Magic = 0x31464D41; // "AMF1"
    private const int MaxFactors = 1024;

    public static byte[] Write(ModelContent m)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The mf-als-v1 format is written on little-endian machines only.");
        }
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(m.Factors);
            w.Write(m.ExplicitFactors);
            w.Write(m.ItemIds.Length);
            w.Write(m.Courses.Length);
            w.Write(m.Skills.Length);
            w.Write(m.Learners);
            w.Write(m.Interactions);
            var h = m.Implicit;
            w.Write(h.Regularization);
            w.Write(h.FrequencyScaling);
            w.Write(h.UnobservedWeight);
            w.Write(h.Epochs);
            var c = h.Confidence;
            w.Write(c.Alpha);
            w.Write(c.Event);
            w.Write(c.Attempt);
            w.Write(c.MinuteOnTask);
            w.Write(c.MaxMinutes);
            w.Write(c.Completion);
            w.Write(c.Score);
            w.Write(c.Review);
            w.Write(c.LogScaling);
            w.Write(c.Epsilon);
            w.Write(m.ExplicitMean);
            w.Write(m.ExplicitRegularization);
            for (var i = 0; i < m.ItemIds.Length; i++)
            {
                w.Write(m.ItemIds[i]);
                w.Write(m.ItemCourses[i]);
                w.Write(m.ItemLearners[i]);
                w.Write(m.ItemScores[i]);
            }
            for (var i = 0; i < m.Courses.Length; i++)
            {
                w.Write(m.Courses[i]);
                w.Write(m.CourseLearners[i]);
            }
            foreach (var skill in m.Skills)
            {
                w.Write(skill);
            }
            foreach (var floats in Arrays(m))
            {
                w.Write(MemoryMarshal.AsBytes(floats.AsSpan()));
            }
            w.Write(Magic);
        }
        return stream.ToArray();
    }

    public static ModelContent Read(byte[] data)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The mf-als-v1 format is read on little-endian machines only.");
        }
        using var stream = new MemoryStream(data, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            Require(r.ReadUInt32() == Magic, "it does not start with the mf-als-v1 magic number");
            var k = r.ReadInt32();
            var ke = r.ReadInt32();
            var items = r.ReadInt32();
            var courses = r.ReadInt32();
            var skills = r.ReadInt32();
            Require(k is >= 1 and <= MaxFactors, $"factor count {k} is out of range");
            Require(ke is >= 0 and <= 256, $"explicit factor count {ke} is out of range");
            // Each count is bounded by the bytes left, so a corrupt count cannot ask for a huge allocation.
            var left = data.Length - stream.Position;
            Require(items >= 0 && courses >= 0 && skills >= 0 && (long)items + courses + skills <= left, "its counts do not fit its length");
            var learners = r.ReadInt64();
            var interactions = r.ReadInt64();
            Require(learners >= 0 && interactions >= 0, "its learner or interaction count is negative");
            var lambda = Finite(r.ReadDouble());
            var nu = Finite(r.ReadDouble());
            var a0 = Finite(r.ReadDouble());
            var epochs = r.ReadInt32();
            var confidence = new ConfidenceFunction(Finite(r.ReadDouble()), Finite(r.ReadDouble()), Finite(r.ReadDouble()), Finite(r.ReadDouble()),
                Finite(r.ReadDouble()), Finite(r.ReadDouble()), Finite(r.ReadDouble()), Finite(r.ReadDouble()), r.ReadBoolean(), Finite(r.ReadDouble()));
            Require(lambda > 0 && nu >= 0 && a0 > 0 && a0 <= 1 && confidence.Epsilon > 0, "its hyperparameters are out of range");
            var explicitMean = (float)Finite(r.ReadSingle());
            var explicitLambda = Finite(r.ReadDouble());
            var itemIds = new string[items];
            var itemCourses = new string[items];
            var itemLearners = new int[items];
            var itemScores = new int[items];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items; i++)
            {
                itemIds[i] = Id(r.ReadString(), "item");
                Require(seen.Add(itemIds[i]), $"item '{itemIds[i]}' appears twice");
                itemCourses[i] = r.ReadString();
                if (itemCourses[i].Length > 0)
                {
                    Id(itemCourses[i], "course");
                }
                itemLearners[i] = r.ReadInt32();
                itemScores[i] = r.ReadInt32();
                Require(itemLearners[i] >= 0 && itemScores[i] >= 0, "an item count is negative");
            }
            var courseIds = new string[courses];
            var courseLearners = new int[courses];
            for (var i = 0; i < courses; i++)
            {
                courseIds[i] = Id(r.ReadString(), "course");
                courseLearners[i] = r.ReadInt32();
                Require(courseLearners[i] >= 0, "a course count is negative");
            }
            var skillIds = new string[skills];
            for (var i = 0; i < skills; i++)
            {
                skillIds[i] = Id(r.ReadString(), "skill");
            }
            var ew = ke == 0 ? 0 : ke + 1;
            var content = new ModelContent
            {
                Implicit = new AlsHyperparameters(k, lambda, nu, a0, epochs, confidence),
                ExplicitFactors = ke,
                ExplicitMean = explicitMean,
                ExplicitRegularization = explicitLambda,
                Learners = learners,
                Interactions = interactions,
                ItemIds = itemIds,
                ItemCourses = itemCourses,
                ItemLearners = itemLearners,
                ItemScores = itemScores,
                ItemFactors = Floats(stream, (long)items * k),
                ExplicitItems = Floats(stream, (long)items * ew),
                Courses = courseIds,
                CourseLearners = courseLearners,
                CoursePriors = Floats(stream, (long)courses * k),
                CourseExplicitPriors = Floats(stream, (long)courses * ew),
                Skills = skillIds,
                SkillPriors = Floats(stream, (long)skills * k),
                SkillExplicitPriors = Floats(stream, (long)skills * ew),
                GlobalPrior = Floats(stream, k),
                GlobalExplicitPrior = Floats(stream, ew),
            };
            Require(r.ReadUInt32() == Magic, "its trailer is missing");
            Require(stream.Position == data.Length, "it has bytes after its trailer");
            return content;
        }
        catch (EndOfStreamException ex)
        {
            throw new FormatException("The mf-als-v1 artifact is truncated.", ex);
        }
    }

    private static IEnumerable<float[]> Arrays(ModelContent m) =>
    [
        m.ItemFactors, m.ExplicitItems, m.CoursePriors, m.CourseExplicitPriors, m.SkillPriors, m.SkillExplicitPriors,
        m.GlobalPrior, m.GlobalExplicitPrior,
    ];

    private static float[] Floats(MemoryStream stream, long count)
    {
        Require(count * sizeof(float) <= stream.Length - stream.Position, "its factor arrays are truncated");
        var values = new float[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        foreach (var v in values)
        {
            Require(float.IsFinite(v), "it holds a non-finite factor");
        }
        return values;
    }

    private static string Id(string value, string what)
    {
        Require(Identifier.IsValid(value, out var error), $"a {what} id {error}");
        return value;
    }

    private static double Finite(double value)
    {
        Require(double.IsFinite(value), "it holds a non-finite hyperparameter");
        return value;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new FormatException($"The mf-als-v1 artifact is invalid: {problem}.");
        }
    }
}
