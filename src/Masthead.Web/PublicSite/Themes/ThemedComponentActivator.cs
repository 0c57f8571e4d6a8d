using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Masthead.Web.PublicSite.Themes;

/// <summary>
/// Creates every component the renderer asks for, swapping in the theme's replacement where it has one. Because the swap
/// happens at creation, no page or shared part needs to know about themes: an endpoint's <c>ComponentPage&lt;HomePage&gt;</c>
/// and a listing's <c>&lt;StoryCard&gt;</c> both get the theme's component, with the very parameters they were given.
/// Registered only when a theme is chosen; without one the framework's own activator runs, untouched.
/// </summary>
public sealed class ThemedComponentActivator(ActiveTheme theme, IServiceProvider services) : IComponentActivator
{
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    public IComponent CreateInstance(Type componentType)
    {
        var type = theme.Resolve(componentType);
        // As the framework's activator does: constructor injection through the request's services.
        var factory = Factories.GetOrAdd(type, t => ActivatorUtilities.CreateFactory(t, Type.EmptyTypes));
        return (IComponent)factory(services, null);
    }
}
