using Bunit;
using EcrCurator.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// A bUnit context as the dashboard renders components: MudBlazor's services, the resource-file texts, and a
/// <see cref="Display"/> cascaded (Asia/Tokyo). Derive from it for component tests.
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        RenderTree.Add<Microsoft.AspNetCore.Components.CascadingValue<Display>>(cascade => cascade.Add(value => value.Value, Display.Default));
    }

    /// <summary>Renders inside a MudPopoverProvider, which MudBlazor's menus, selects and tooltips need.</summary>
    protected IRenderedComponent<TComponent> RenderWithPopovers<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render(parameters);
    }
}
