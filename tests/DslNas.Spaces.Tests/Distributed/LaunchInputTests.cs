using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DslNas.Distributed;
using DslNas.Runs;

namespace DslNas.Spaces.Tests.Distributed;

public sealed class LaunchInputTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_torchrun_environment_is_read_and_its_absence_means_one_process()
    {
        RankEnvironment.FromEnvironment(Environment()).Should().BeNull();
        RankEnvironment.FromEnvironment(Environment(("RANK", "1"), ("WORLD_SIZE", "4"), ("MASTER_ADDR", "10.0.0.2"), ("MASTER_PORT", "29501"), ("LOCAL_RANK", "0")))
            .Should().Be(new RankEnvironment(1, 4, "10.0.0.2", 29501, 0));
    }

    [Theory]
    [InlineData("0", "0", "29500", "WORLD_SIZE=0: the world size must be at least 1")]
    [InlineData("2", "2", "29500", "RANK=2 lies outside the world of WORLD_SIZE=2 ranks (0..1)")]
    [InlineData("-1", "2", "29500", "RANK=-1 lies outside*")]
    [InlineData("x", "2", "29500", "RANK='x' is not an integer")]
    [InlineData("0", "2", "70000", "MASTER_PORT=70000 is not a port (1..65535)")]
    public void A_bad_world_size_rank_or_port_is_named(string rank, string worldSize, string port, string message)
    {
        FluentActions.Invoking(() => RankEnvironment.FromEnvironment(Environment(("RANK", rank), ("WORLD_SIZE", worldSize), ("MASTER_PORT", port))))
            .Should().Throw<RunInputException>().WithMessage(message);
        FluentActions.Invoking(() => RankEnvironment.FromEnvironment(Environment(("WORLD_SIZE", "2"))))
            .Should().Throw<RunInputException>().WithMessage("RANK is not set*");
    }

    [Fact]
    public void Bad_launch_options_are_named()
    {
        FluentActions.Invoking(() => new DistributedOptions(Processes: 0).Validate()).Should().Throw<RunInputException>().WithMessage("--nproc must be at least 1*");
        FluentActions.Invoking(() => new DistributedOptions(TimeoutSeconds: 0).Validate()).Should().Throw<RunInputException>().WithMessage("--dist-timeout must be a positive number*");
    }

    [Fact]
    public void A_port_in_use_is_named()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        FluentActions.Invoking(() => DistributedWorld.Join(new RankEnvironment(0, 2, "127.0.0.1", port, 0), TimeSpan.FromSeconds(3)))
            .Should().Throw<DistributedException>().WithMessage($"rank 0 of 2 could not join the others at 127.0.0.1:{port}*is the port in use?*");
    }

    [Fact]
    public void A_rank_that_never_joins_stops_the_others_within_the_timeout()
    {
        var clock = Stopwatch.StartNew();
        FluentActions.Invoking(() => DistributedWorld.Join(new RankEnvironment(0, 2, "127.0.0.1", Ranks.FreePort(), 0), TimeSpan.FromSeconds(2)))
            .Should().Throw<DistributedException>().WithMessage("rank 0 of 2 could not join the others*within 2 s*");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Ranks_started_with_other_options_or_another_space_are_named_at_start()
    {
        var request = RunRequest.For("runs/r", RunOptions.Defaults);
        var errors = Ranks.Run(3, world =>
        {
            var mine = world.Rank == 2 ? request with { Options = request.Options with { Space = "tiny-lengths", Training = request.Options.Training with { Steps = 5 } } } : request;
            try
            {
                LaunchAgreement.Check(world, LaunchAgreement.Describe(mine, "train"));
                return null;
            }
            catch (RunInputException e)
            {
                return e.Message;
            }
        });
        errors.Should().OnlyContain(m => m != null && m.Contains("--space: rank 0 has fast-transformer, rank 1 has fast-transformer, rank 2 has tiny-lengths")
                                         && m.Contains("--steps: rank 0 has 300, rank 1 has 300, rank 2 has 5") && m.EndsWith("start every rank with the same command"));

        Ranks.Run(2, world =>
        {
            LaunchAgreement.Check(world, LaunchAgreement.Describe(request, "train"));
            return 0;
        }).Should().Equal(0, 0);
    }
}
