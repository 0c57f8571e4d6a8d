using Masthead.Core.Common;

namespace Masthead.Core.Articles;

/// <summary>
/// What a story must have before readers may see it. The newsroom shows the same list as a checklist,
/// so an editor knows exactly what is missing before pressing Publish.
/// </summary>
public static class PublishGate
{
    public static ValidationErrors Check(Article article)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(article.Headline)) errors.Add("headline", "Add a headline.");
        if (string.IsNullOrWhiteSpace(article.Standfirst)) errors.Add("standfirst", "Add a standfirst: the sentence under the headline that sells the story.");
        if (article.HeroImage is { } hero)
        {
            if (string.IsNullOrWhiteSpace(hero.Alt)) errors.Add("heroImage.alt", "Describe the hero image in its alt text, for readers who cannot see it.");
            if (string.IsNullOrWhiteSpace(hero.Credit)) errors.Add("heroImage.credit", "Credit the hero image (photographer, agency or \"Handout\").");
        }
        return errors;
    }
}
