namespace Masthead.Core.Media;

/// <summary>Where to cut a picture so a shape fits and the focal point sits as near the middle as the edges allow.</summary>
public static class FocalCrop
{
    public static CropRect For(int width, int height, CropAspect aspect, double focalX, double focalY)
    {
        // The largest rectangle of the wanted shape that fits inside the picture.
        var cropWidth = width;
        var cropHeight = (int)Math.Round((double)width * aspect.Down / aspect.Across);
        if (cropHeight > height)
        {
            cropHeight = height;
            cropWidth = Math.Min(width, (int)Math.Round((double)height * aspect.Across / aspect.Down));
        }
        cropWidth = Math.Max(1, cropWidth);
        cropHeight = Math.Max(1, cropHeight);

        // Centre it on the focal point, then slide it back inside the picture where it would overhang.
        var left = Place(focalX * width, cropWidth, width);
        var top = Place(focalY * height, cropHeight, height);
        return new CropRect(left, top, cropWidth, cropHeight);
    }

    private static int Place(double focus, int size, int total) =>
        Math.Clamp((int)Math.Round(focus - size / 2.0), 0, total - size);
}
