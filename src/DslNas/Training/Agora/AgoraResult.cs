namespace DslNas.Training.Agora;

/// <summary>One hyperparameter set's error on the evaluation set in a round.</summary>
public sealed record AgoraScore(string Theta, double Error);

/// <summary>
/// One round: every remaining hyperparameter set's error, best first; how many evaluation examples the best one got
/// wrong; how many generated examples, labelled by the reference model, joined the training set; the set dropped.
/// </summary>
public sealed record AgoraRound(int Round, IReadOnlyList<AgoraScore> Ranking, int Misclassified, int Added, string? Dropped);

/// <summary>The model Agora returns, its hyperparameter set, the rounds, and the size the training set grew to.</summary>
public sealed record AgoraResult<TModel>(TModel Model, string Theta, IReadOnlyList<AgoraRound> Rounds, int TrainingExamples, int Trainings);
