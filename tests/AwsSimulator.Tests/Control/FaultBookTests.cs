using EcrCurator.AwsSimulator.Control;

namespace EcrCurator.AwsSimulator.Tests.Control;

/// <summary>The fault book's matching, counting and probabilities.</summary>
public sealed class FaultBookTests
{
    private static int Fired(FaultBook book, int requests) =>
        Enumerable.Range(0, requests).Count(_ => book.Evaluate("111111111111", "ap-northeast-1", "ecr", "DescribeImages").Error is not null);

    [Fact]
    public void FiresWithTheProbabilityAskedAndTheSameWayForTheSameSeed()
    {
        FaultBook Book()
        {
            var book = new FaultBook();
            book.Add(new Fault { Kind = "server-error", Probability = 0.3, Seed = 4 });
            return book;
        }

        var fired = Fired(Book(), 1000);

        Assert.InRange(fired, 250, 350);
        Assert.Equal(fired, Fired(Book(), 1000));
    }

    [Fact]
    public void EndsAfterItsCountAndMatchesOnlyItsScope()
    {
        var book = new FaultBook();
        book.Add(new Fault { Kind = "throttle", Operation = "ecr:*", Count = 3 });
        book.Add(new Fault { Kind = "access-denied", Operation = "ecs:DescribeImages" });

        Assert.Equal(3, Fired(book, 10));
        Assert.DoesNotContain(book.List(), fault => fault.Kind == "throttle");
    }

    [Fact]
    public void AddsTheLatencyOfEveryMatchingFault()
    {
        var book = new FaultBook();
        book.Add(new Fault { Kind = "latency", LatencyMs = 100 });
        book.Add(new Fault { Kind = "latency", LatencyMs = 50, Region = "ap-northeast-1" });
        book.Add(new Fault { Kind = "latency", LatencyMs = 1000, Region = "us-east-1" });

        var (delay, error) = book.Evaluate("111111111111", "ap-northeast-1", "ecr", "DescribeImages");

        Assert.Equal((TimeSpan.FromMilliseconds(150), null), (delay, error));
    }

    [Theory]
    [InlineData("meteor", null, null)]
    [InlineData("throttle", 1.5, null)]
    [InlineData("server-error", null, 404)]
    public void RefusesAFaultThatMakesNoSense(string kind, double? probability, int? status) =>
        Assert.Throws<ArgumentException>(() => new FaultBook().Add(new Fault { Kind = kind, Probability = probability, Status = status }));
}
