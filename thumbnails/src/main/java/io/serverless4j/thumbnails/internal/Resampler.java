/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

/**
 * Separable Lanczos3 resampling of packed ARGB pixels, in premultiplied alpha (so transparent pixels do not bleed
 * their color into opaque ones). The filter widens with the reduction factor, so a downscale averages every
 * source pixel instead of dropping some. Stateless and thread-safe.
 */
public final class Resampler {

    private Resampler() {}

    /**
     * Resamples the region {@code (cropX, cropY, cropWidth, cropHeight)} of {@code src} (in source pixels, may be
     * fractional) to {@code width × height}.
     *
     * @param src the source
     * @param cropX left edge of the region
     * @param cropY top edge of the region
     * @param cropWidth region width, &gt; 0
     * @param cropHeight region height, &gt; 0
     * @param width output width in pixels
     * @param height output height in pixels
     * @return the resampled pixels
     */
    public static Pixels resample(Pixels src, double cropX, double cropY, double cropWidth, double cropHeight,
            int width, int height) {
        int channels = src.hasAlpha() ? 4 : 3;
        Weights wx = Weights.of(src.width(), cropX, cropWidth, width);
        Weights wy = Weights.of(src.height(), cropY, cropHeight, height);
        // Only the source rows the vertical pass reads.
        int rowFirst = wy.first;
        int rowLast = wy.last;
        int rows = rowLast - rowFirst + 1;
        float[] horizontal = new float[rows * width * channels];
        float[] line = new float[src.width() * channels];
        int[] argb = src.argb();
        for (int r = 0; r < rows; r++) {
            int sy = rowFirst + r;
            int o = sy * src.width();
            for (int x = 0; x < src.width(); x++) {
                int p = argb[o + x];
                float a = channels == 4 ? (p >>> 24) / 255f : 1f;
                line[x * channels] = ((p >> 16) & 0xFF) * a;
                line[x * channels + 1] = ((p >> 8) & 0xFF) * a;
                line[x * channels + 2] = (p & 0xFF) * a;
                if (channels == 4) {
                    line[x * channels + 3] = a * 255f;
                }
            }
            int out = r * width * channels;
            // One accumulator per channel, not a loop over channels: the JIT keeps them in registers.
            if (channels == 3) {
                for (int x = 0; x < width; x++) {
                    int idx = wx.start[x] * 3;
                    int wo = wx.offset[x];
                    int count = wx.count[x];
                    float sr = 0;
                    float sg = 0;
                    float sb = 0;
                    for (int i = 0; i < count; i++, idx += 3) {
                        float w = wx.weights[wo + i];
                        sr += line[idx] * w;
                        sg += line[idx + 1] * w;
                        sb += line[idx + 2] * w;
                    }
                    horizontal[out++] = sr;
                    horizontal[out++] = sg;
                    horizontal[out++] = sb;
                }
            } else {
                for (int x = 0; x < width; x++) {
                    int idx = wx.start[x] * 4;
                    int wo = wx.offset[x];
                    int count = wx.count[x];
                    float sr = 0;
                    float sg = 0;
                    float sb = 0;
                    float sa = 0;
                    for (int i = 0; i < count; i++, idx += 4) {
                        float w = wx.weights[wo + i];
                        sr += line[idx] * w;
                        sg += line[idx + 1] * w;
                        sb += line[idx + 2] * w;
                        sa += line[idx + 3] * w;
                    }
                    horizontal[out++] = sr;
                    horizontal[out++] = sg;
                    horizontal[out++] = sb;
                    horizontal[out++] = sa;
                }
            }
        }
        int[] result = new int[width * height];
        int rowLength = width * channels;
        float[] acc = new float[rowLength];
        for (int y = 0; y < height; y++) {
            // A whole output row at a time: a plain multiply-add over contiguous arrays, which the JIT vectorizes.
            java.util.Arrays.fill(acc, 0f);
            int start = wy.start[y] - rowFirst;
            int count = wy.count[y];
            int wo = wy.offset[y];
            for (int i = 0; i < count; i++) {
                float w = wy.weights[wo + i];
                int base = (start + i) * rowLength;
                for (int j = 0; j < rowLength; j++) {
                    acc[j] += horizontal[base + j] * w;
                }
            }
            for (int x = 0; x < width; x++) {
                int j = x * channels;
                int a = 255;
                float scale = 1f;
                if (channels == 4) {
                    a = clamp(acc[j + 3]);
                    scale = a == 0 ? 0f : 255f / acc[j + 3];
                }
                result[y * width + x] = a << 24 | clamp(acc[j] * scale) << 16 | clamp(acc[j + 1] * scale) << 8
                        | clamp(acc[j + 2] * scale);
            }
        }
        return new Pixels(result, width, height, src.hasAlpha());
    }

    private static int clamp(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }

    private static double lanczos3(double x) {
        if (x == 0) {
            return 1;
        }
        if (x <= -3 || x >= 3) {
            return 0;
        }
        double px = Math.PI * x;
        return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
    }

    /** Per output pixel: the first source pixel, how many, and their normalised weights. */
    private static final class Weights {
        final int[] start;
        final int[] count;
        final int[] offset;
        final float[] weights;
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;

        private Weights(int n, int total) {
            start = new int[n];
            count = new int[n];
            offset = new int[n];
            weights = new float[total];
        }

        static Weights of(int sourceSize, double cropStart, double cropSize, int outSize) {
            double scale = cropSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 3 * filterScale;
            int maxTaps = (int) Math.ceil(support) * 2 + 2;
            Weights w = new Weights(outSize, maxTaps * outSize);
            double[] tmp = new double[maxTaps];
            int o = 0;
            for (int x = 0; x < outSize; x++) {
                double center = cropStart + (x + 0.5) * scale;
                int left = (int) Math.floor(center - support);
                int right = (int) Math.ceil(center + support);
                left = Math.max(left, 0);
                right = Math.min(right, sourceSize - 1);
                if (right - left + 1 > maxTaps) {
                    right = left + maxTaps - 1;
                }
                if (right < left) {
                    left = right = Math.max(0, Math.min(sourceSize - 1, (int) center));
                }
                double sum = 0;
                for (int i = left; i <= right; i++) {
                    double v = lanczos3((i + 0.5 - center) / filterScale);
                    tmp[i - left] = v;
                    sum += v;
                }
                int n = right - left + 1;
                if (sum == 0) {
                    // Degenerate (tiny crop): nearest pixel.
                    for (int i = 0; i < n; i++) {
                        tmp[i] = 0;
                    }
                    int nearest = Math.max(left, Math.min(right, (int) Math.floor(center)));
                    tmp[nearest - left] = 1;
                    sum = 1;
                }
                w.start[x] = left;
                w.count[x] = n;
                w.offset[x] = o;
                for (int i = 0; i < n; i++) {
                    w.weights[o + i] = (float) (tmp[i] / sum);
                }
                o += n;
                w.first = Math.min(w.first, left);
                w.last = Math.max(w.last, right);
            }
            return w;
        }
    }
}
