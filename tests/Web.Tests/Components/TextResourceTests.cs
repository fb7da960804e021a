using System.Collections;
using System.Globalization;
using System.Resources;
using EcrCurator.Web.Components;

namespace EcrCurator.Web.Tests.Components;

public class TextResourceTests
{
    public static TheoryData<string> TextClasses() =>
        [.. typeof(SharedText).Assembly.GetTypes().Where(type => type.Name.EndsWith("Text", StringComparison.Ordinal) && type.IsSealed).Select(type => type.FullName!)];

    [Theory]
    [MemberData(nameof(TextClasses))]
    public void EveryEnglishTextHasAJapaneseTranslationAndNoOther(string textClass)
    {
        var manager = new ResourceManager(textClass, typeof(SharedText).Assembly);

        var english = Entries(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        var japanese = Entries(manager.GetResourceSet(CultureInfo.GetCultureInfo("ja"), createIfNotExists: true, tryParents: false));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), japanese.Keys.Order());
        Assert.All(japanese, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{textClass}.{entry.Key} has no Japanese text"));
    }

    private static Dictionary<string, string> Entries(ResourceSet? set) =>
        set?.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!) ?? [];
}
