using System.Globalization;
using Bunit;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class PolicyFormTests : ComponentTest
{
    private static readonly RetentionPolicy Inherited = RetentionPolicy.Default with { WindowDays = 45, KeepTagPatterns = [new TagPattern("release-*")] };

    private readonly List<PolicyFields> _saved = [];

    [Fact]
    public void AnInheritedFieldSaysWhatItInheritsAndCannotBeTypedIn()
    {
        var form = Render(new PolicyFields());

        Assert.Contains("Inherit (45)", form.Find("[data-testid=field-WindowDays]").TextContent);
        Assert.Contains("Inherit (release-*)", form.Find("[data-testid=field-KeepTagPatterns]").TextContent);
        Assert.True(ValueInput(form, "WindowDays").HasAttribute("disabled"));
    }

    [Fact]
    public void SettingAFieldStartsFromWhatItInheritedAndSavesOnlyThatField()
    {
        var form = Render(new PolicyFields());

        form.Find("[data-testid=field-WindowDays] input[type=checkbox]").Change(false);
        Assert.False(ValueInput(form, "WindowDays").HasAttribute("disabled"));
        Assert.Equal("45", ValueInput(form, "WindowDays").GetAttribute("value"));
        ValueInput(form, "WindowDays").Change("60");
        form.Find("[data-testid=policy-save]").Click();

        var saved = Assert.Single(_saved);
        Assert.Equal(60, saved.WindowDays);
        Assert.Equal([null, null, null, null, null, null, null], new object?[] { saved.DeleteUntagged, saved.KeepNewest, saved.KeepPulledWithinDays, saved.KeepTagPatterns, saved.KeepRollbackRevisions, saved.Excluded, saved.Mode });
    }

    [Fact]
    public void TickingInheritClearsTheValue()
    {
        var form = Render(new PolicyFields { WindowDays = 10, Mode = RetentionMode.AutoRun });

        form.Find("[data-testid=field-WindowDays] input[type=checkbox]").Change(true);
        form.Find("[data-testid=policy-save]").Click();

        var saved = Assert.Single(_saved);
        Assert.Equal((null, RetentionMode.AutoRun), (saved.WindowDays, saved.Mode));
    }

    [Fact]
    public void ANegativeNumberIsRefusedWithAMessageAndNotSaved()
    {
        var form = Render(new PolicyFields { KeepNewest = 3 });

        ValueInput(form, "KeepNewest").Change("-1");
        form.Find("[data-testid=policy-save]").Click();

        Assert.Contains("Cannot be negative.", form.Find("[data-testid=field-KeepNewest]").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void AWindowOfZeroDaysIsRefused()
    {
        var form = Render(new PolicyFields { WindowDays = 30 });

        ValueInput(form, "WindowDays").Change("0");
        form.Find("[data-testid=policy-save]").Click();

        Assert.Contains("At least 1 day.", form.Find("[data-testid=field-WindowDays]").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void TagPatternsAreSplitAtCommasAndOnesThatCanNeverMatchAreNamed()
    {
        var form = Render(new PolicyFields { KeepTagPatterns = [] });

        ValueInput(form, "KeepTagPatterns").Change("release-*, v?.* rel:ease");
        form.Find("[data-testid=policy-save]").Click();
        Assert.Contains("Cannot match a tag: rel:ease.", form.Find("[data-testid=field-KeepTagPatterns]").TextContent);
        Assert.Empty(_saved);

        ValueInput(form, "KeepTagPatterns").Change("release-*, v?.*");
        form.Find("[data-testid=policy-save]").Click();
        Assert.Equal(["release-*", "v?.*"], Assert.Single(_saved).KeepTagPatterns!);
    }

    [Fact]
    public void TheFormEditsACopyOfTheFieldsItIsGiven()
    {
        var fields = new PolicyFields { KeepNewest = 3 };
        var form = Render(fields);

        ValueInput(form, "KeepNewest").Change("8");
        form.Find("[data-testid=policy-save]").Click();

        Assert.Equal(3, fields.KeepNewest);
        Assert.Equal(8, Assert.Single(_saved).KeepNewest);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(89, true)]
    [InlineData(90, false)]
    public void AQuarantineShorterThanNinetyDaysSaysItCostsMoreThanDeletingAtOnce(int days, bool warned)
    {
        var form = Render(new PolicyFields { Action = RetentionAction.Quarantine, QuarantineDays = days });

        Assert.Equal(warned, form.FindAll("[data-testid=quarantine-cost]").Any(alert => alert.TextContent.Contains("at least 90 days", StringComparison.Ordinal)));
        Assert.Contains("90 or more", form.Find("[data-testid=field-QuarantineDays]").TextContent);
        Assert.Contains("Inherit (Delete)", form.Find("[data-testid=field-Action]").TextContent);
    }

    [Fact]
    public void SavesTheQuarantineDaysAndRefusesZero()
    {
        var form = Render(new PolicyFields());

        form.Find("[data-testid=field-QuarantineDays] input[type=checkbox]").Change(false);
        Assert.Equal("90", ValueInput(form, "QuarantineDays").GetAttribute("value"));
        ValueInput(form, "QuarantineDays").Change("0");
        form.Find("[data-testid=policy-save]").Click();
        Assert.Contains("At least 1 day.", form.Find("[data-testid=field-QuarantineDays]").TextContent);
        Assert.Empty(_saved);

        ValueInput(form, "QuarantineDays").Change("120");
        form.Find("[data-testid=policy-save]").Click();
        Assert.Equal((120, (RetentionAction?)null), (Assert.Single(_saved).QuarantineDays, _saved[0].Action));
    }

    [Fact]
    public void InJapaneseTheFormSpeaksJapanese()
    {
        using var culture = new UiCulture("ja");
        var form = Render(new PolicyFields());

        Assert.Contains("継承 (45)", form.Find("[data-testid=field-WindowDays]").TextContent);
        Assert.Contains("ポリシーを保存", form.Find("[data-testid=policy-save]").TextContent);
    }

    [Fact]
    public void PreviewingShowsHowManyRepositoriesAndImagesChangeAndTheBytesWithTheEditedFields()
    {
        var previewed = new List<PolicyFields>();
        var form = RenderWithPopovers<PolicyForm>(parameters => parameters
            .Add(form => form.Fields, new PolicyFields())
            .Add(form => form.Inherited, Inherited)
            .Add(form => form.OnPreview, fields =>
            {
                previewed.Add(fields);
                return Task.FromResult<PolicyImpact?>(new PolicyImpact(12, 1_234_567, 3, 1_500, 3L * 1024 * 1024 * 1024, 20, 512L * 1024 * 1024, TimeSpan.FromSeconds(1)));
            }));

        form.Find("[data-testid=field-WindowDays] input[type=checkbox]").Change(false);
        ValueInput(form, "WindowDays").Change("7");
        form.Find("[data-testid=policy-preview]").Click();

        var impact = form.WaitForElement("[data-testid=policy-impact]").TextContent;
        Assert.Contains($"changes 3 repositories: 1,500 images become candidates ({Display.Size(3L * 1024 * 1024 * 1024)}) and 20 are kept instead ({Display.Size(512L * 1024 * 1024)})", impact);
        Assert.Contains("snapshot #12 (1,234,567 images)", impact);
        Assert.Equal(7, Assert.Single(previewed).WindowDays);
        Assert.Empty(_saved);
    }

    [Fact]
    public void AFormWithoutAPreviewHasNoPreviewButton()
    {
        var form = Render(new PolicyFields());

        Assert.Empty(form.FindAll("[data-testid=policy-preview]"));
    }

    private IRenderedComponent<PolicyForm> Render(PolicyFields fields) =>
        RenderWithPopovers<PolicyForm>(parameters => parameters
            .Add(form => form.Fields, fields)
            .Add(form => form.Inherited, Inherited)
            .Add(form => form.OnSave, saved => _saved.Add(saved)));

    private static AngleSharp.Dom.IElement ValueInput(IRenderedComponent<PolicyForm> form, string field) =>
        form.Find($"[data-testid=field-{field}] input:not([type=checkbox])");

    /// <summary>Renders in another language for the length of a test.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
