/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.thumbnails;

import io.serverless4j.thumbnails.OutputFormat;
import io.serverless4j.thumbnails.ThumbnailSpec;
import io.serverless4j.thumbnails.Thumbnailer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Thumbnails side by side: serverless4j's {@link Thumbnailer} and Thumbnailator 0.4.21, in one run, on inputs
 * derived from the camera photos in Debian's {@code mate-backgrounds} (GPL-2+) package: a 24 MP baseline JPEG, a
 * 12 MP progressive JPEG, a 12 MP Adobe CMYK JPEG, a 12 MP JPEG with EXIF orientation 6 and a 12 MP PNG with
 * alpha. The photos are about 2 MP each, so the 24 MP and 12 MP inputs are mosaics of nine photos at (nearly)
 * their native resolution, made with ImageMagick into {@code benchmarks/target/thumbnail-inputs}; no photo is
 * committed. For each input and contender: the median time per thumbnail (256 px box, JPEG quality 0.85) after a
 * warm-up, in this JVM; the smallest {@code -Xmx} with which a fresh child JVM makes the thumbnail; and SSIM (luma)
 * against ImageMagick's {@code -auto-orient -resize 256x256} of the same input.
 *
 * <pre>
 * sudo apt-get install imagemagick mate-backgrounds   # once
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.serverless4j.benchmarks.thumbnails.ThumbnailBenchmark
 * </pre>
 */
public final class ThumbnailBenchmark {

    static final Path PHOTOS = Path.of("/usr/share/backgrounds/mate/nature");
    static final List<String> MOSAIC = List.of("Blinds.jpg", "Dune.jpg", "Storm.jpg", "RainDrops.jpg", "Wood.jpg",
            "TwoWings.jpg", "LadyBird.jpg", "Garden.jpg", "YellowFlower.jpg");

    static final Thumbnailer OURS = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(256, 256).quality(0.85f).build()).build();
    static final Thumbnailer OURS_PNG = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(256, 256).format(OutputFormat.PNG).build()).build();

    private ThumbnailBenchmark() {}

    /**
     * Runs the comparison.
     *
     * @param args optional: {@code --runs N} (measured runs per contender and input, default 10)
     * @throws Exception when an input cannot be made
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 10;
        Path dir = Path.of("benchmarks/target/thumbnail-inputs");
        List<Input> inputs = Inputs.prepare(dir);
        System.out.println("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + runs + " measured runs after 3 warm-up runs");
        List<String> rows = new ArrayList<>();
        for (Input input : inputs) {
            byte[] bytes = Files.readAllBytes(input.path());
            double ours = medianMillis(() -> ours(bytes), runs);
            double theirs = medianMillis(() -> thumbnailator(bytes, "jpg"), runs);
            int oursHeap = MinHeap.find("ours", input.path());
            int theirsHeap = MinHeap.find("thumbnailator", input.path());
            BufferedImage reference = Quality.imageMagickReference(input.path(), dir);
            double oursSsim = Quality.ssim(TestSafe.read(OURS_PNG.generate(bytes, input.name()).thumbnails().get(0)
                    .bytes()), reference);
            double theirsSsim = Double.NaN;
            String theirsNote = "";
            try {
                theirsSsim = Quality.ssim(TestSafe.read(thumbnailator(bytes, "png")), reference);
            } catch (RuntimeException e) {
                theirsNote = " (fails: " + e.getClass().getSimpleName() + ")";
            }
            String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f× | %d | %s | %.3f | %s |",
                    input.name(), input.description(), ours < 0 ? "fails" : fmt(ours),
                    theirs < 0 ? "fails" : fmt(theirs),
                    theirs < 0 ? Double.NaN : theirs / ours, oursHeap, theirsHeap < 0 ? "fails" : theirsHeap,
                    oursSsim, Double.isNaN(theirsSsim) ? "—" + theirsNote : String.format(Locale.ROOT, "%.3f",
                            theirsSsim));
            rows.add(row);
            System.out.println(row);
        }
        System.out.println();
        System.out.println("| input | what | ours ms | Thumbnailator ms | speed-up | ours min -Xmx MB"
                + " | Thumbnailator min -Xmx MB | ours SSIM | Thumbnailator SSIM |");
        rows.forEach(System.out::println);
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    static byte[] ours(byte[] bytes) {
        return OURS.generate(bytes, "input").thumbnails().get(0).bytes();
    }

    static byte[] thumbnailator(byte[] bytes, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Thumbnails.of(new ByteArrayInputStream(bytes)).size(256, 256).outputFormat(format)
                    .outputQuality(0.85f).toOutputStream(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Median wall time of one call, or -1 when it fails. */
    static double medianMillis(Call call, int runs) {
        try {
            for (int i = 0; i < 3; i++) {
                call.run();
            }
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                call.run();
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            return times[runs / 2];
        } catch (RuntimeException e) {
            System.out.println("  fails: " + e);
            return -1;
        }
    }

    interface Call {
        void run();
    }

    record Input(String name, String description, Path path) {}

    /** Reads images without the benchmark's own decoder. */
    static final class TestSafe {
        private TestSafe() {}

        static BufferedImage read(byte[] bytes) {
            try {
                return ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Finds the smallest -Xmx (MB) at which a fresh JVM makes one thumbnail, by bisection. */
    static final class MinHeap {
        private MinHeap() {}

        static int find(String contender, Path input) throws IOException, InterruptedException {
            int low = 2;
            int high = 2048;
            if (!runs(contender, input, high)) {
                return -1;
            }
            while (high - low > Math.max(1, low / 16)) {
                int mid = (low + high) / 2;
                if (runs(contender, input, mid)) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            return high;
        }

        static boolean runs(String contender, Path input, int megabytes) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx" + megabytes + "m", "-Xms" + Math.min(megabytes, 8) + "m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Once.class.getName(),
                    contender, input.toString()).redirectErrorStream(true).redirectOutput(
                            ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        }
    }

    /** The child JVM: makes one thumbnail, exits 0 on success. */
    public static final class Once {
        private Once() {}

        /**
         * Makes one thumbnail.
         *
         * @param args contender ({@code ours} or {@code thumbnailator}) and input file
         * @throws IOException when the input cannot be read
         */
        public static void main(String[] args) throws IOException {
            byte[] bytes = Files.readAllBytes(Path.of(args[1]));
            byte[] out = args[0].equals("ours") ? ours(bytes) : thumbnailator(bytes, "jpg");
            System.exit(out.length > 0 ? 0 : 1);
        }
    }
}
