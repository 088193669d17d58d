namespace DslNas.Training.Agora;

/// <summary>
/// Agora (de Wynter 2020, arXiv 2010.07990): fine-tuning a small model when labelled data is scarce or
/// unrepresentative, with a trained reference model S and a data-generating function. Each round trains the small
/// model with every remaining hyperparameter set θ on the training set, ranks the sets by error on the evaluation set,
/// takes the evaluation examples the best model gets wrong, generates new examples near each, labels them with S and
/// adds them to the training set, and drops the worst set; with one set left, it trains once more and returns that
/// model. |Θ| sets take |Θ|(|Θ| + 1)/2 trainings. The loop is a reconstruction from the paper's abstract and cost
/// bound (docs/bort.md), not a port of the authors' code, which was not released.
/// </summary>
public sealed class Agora<TTheta, TExample, TModel>(
    Func<TTheta, IReadOnlyList<TExample>, TModel> train,
    Func<TModel, IReadOnlyList<TExample>, bool[]> correct,
    Func<TExample, int, IEnumerable<TExample>> generate,
    Func<IReadOnlyList<TExample>, IReadOnlyList<TExample>> label,
    Func<TTheta, string> name)
    where TModel : IDisposable
{
    /// <summary>Runs the rounds; <paramref name="progress"/> hears of each round as it ends.</summary>
    public AgoraResult<TModel> Run(IReadOnlyList<TTheta> thetas, IReadOnlyList<TExample> training, IReadOnlyList<TExample> evaluation, Action<AgoraRound>? progress = null)
    {
        if (thetas.Count == 0) throw new ArgumentException("Agora needs at least one hyperparameter set", nameof(thetas));
        if (training.Count == 0) throw new ArgumentException("Agora needs training examples", nameof(training));
        if (evaluation.Count == 0) throw new ArgumentException("Agora needs evaluation examples to find where the model fails", nameof(evaluation));
        var pool = thetas.ToList();
        var data = training.ToList();
        var rounds = new List<AgoraRound>();
        var trainings = 0;
        for (var round = 1; ; round++)
        {
            var models = new List<(TTheta Theta, TModel Model, bool[] Correct)>();
            try
            {
                foreach (var theta in pool)
                {
                    var model = train(theta, data);
                    trainings++;
                    models.Add((theta, model, correct(model, evaluation)));
                }
                var ranked = models.Select((m, i) => (m, i, Error: m.Correct.Count(c => !c) / (double)evaluation.Count))
                    .OrderBy(r => r.Error).ThenBy(r => r.i).ToList();
                var ranking = ranked.Select(r => new AgoraScore(name(r.m.Theta), r.Error)).ToList();
                var best = ranked[0].m;
                if (pool.Count == 1)
                {
                    var last = new AgoraRound(round, ranking, best.Correct.Count(c => !c), 0, null);
                    rounds.Add(last);
                    progress?.Invoke(last);
                    models.Clear();
                    return new AgoraResult<TModel>(best.Model, name(best.Theta), rounds, data.Count, trainings);
                }
                var failed = evaluation.Where((_, i) => !best.Correct[i]).ToList();
                var generated = failed.SelectMany(x => generate(x, round)).ToList();
                var labelled = generated.Count > 0 ? label(generated) : [];
                data.AddRange(labelled);
                var worst = ranked[^1].m.Theta;
                pool.Remove(worst);
                var record = new AgoraRound(round, ranking, failed.Count, labelled.Count, name(worst));
                rounds.Add(record);
                progress?.Invoke(record);
            }
            finally
            {
                foreach (var (_, model, _) in models) model.Dispose();
            }
        }
    }
}
