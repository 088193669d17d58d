namespace DslNas.Bench.Runtime;

/// <summary>One benchmarked encoder: depth, width, heads, FFN width, sequence length, batch and vocabulary.</summary>
public sealed record EncoderShape(string Name, int Layers, int Hidden, int Heads, int Ffn, int Seq, int Batch, int Vocab)
{
    public static readonly EncoderShape Bert = new("bert-small (L=4, H=256, A=4, FFN=1024, seq 128, batch 16)", 4, 256, 4, 1024, 128, 16, 8192);
    public static readonly EncoderShape Tiny = new("tiny (L=2, H=64, A=2, FFN=256, seq 32, batch 8)", 2, 64, 2, 256, 32, 8, 8192);

    public string PeerArguments(int threads, int warmup, int repeats) =>
        $"--layers {Layers} --hidden {Hidden} --heads {Heads} --ffn {Ffn} --seq {Seq} --batch {Batch} --vocab {Vocab} " +
        $"--threads {threads} --warmup {warmup} --repeats {repeats}";
}
