namespace DslNas.Runs;

/// <summary>Where the chosen architecture's weights start before it is trained as a standalone model and scored.</summary>
public enum ChosenWeights
{
    /// <summary>The supernet's shared weights, extracted and fine-tuned (the one-shot premise).</summary>
    Inherited,

    /// <summary>Started like the supernet (the teacher's prefix slices, or at random) and trained exactly as the uniform baseline.</summary>
    Retrained,
}
