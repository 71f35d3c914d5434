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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <p>Then the same thumbnails from sharp (libvips), the native peer, when Node.js and npm are on PATH (see
 * {@link Sharp}): its median time with one libvips thread and with one per core, its peak RSS, and its SSIM; beside
 * them our peak RSS, from a fresh child JVM at our smallest {@code -Xmx} doing the same runs.
 *
 * <pre>
 * sudo apt-get install imagemagick mate-backgrounds   # once; nodejs npm for the sharp columns
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
        List<Ours> ourFigures = new ArrayList<>();
        for (Input input : inputs) {
            byte[] bytes = Files.readAllBytes(input.path());
            double ours = medianMillis(() -> ours(bytes), runs);
            double theirs = medianMillis(() -> thumbnailator(bytes, "jpg"), runs);
            int oursHeap = MinHeap.find("ours", input.path());
            int oursStreamedHeap = MinHeap.find("ours-streamed", input.path());
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
            String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f× | %d | %d | %s | %.3f | %s |",
                    input.name(), input.description(), ours < 0 ? "fails" : fmt(ours),
                    theirs < 0 ? "fails" : fmt(theirs),
                    theirs < 0 ? Double.NaN : theirs / ours, oursHeap, oursStreamedHeap,
                    theirsHeap < 0 ? "fails" : theirsHeap,
                    oursSsim, Double.isNaN(theirsSsim) ? "—" + theirsNote : String.format(Locale.ROOT, "%.3f",
                            theirsSsim));
            rows.add(row);
            System.out.println(row);
            // The same work as sharp's process (warm-up and measured runs), for its peak RSS.
            ourFigures.add(new Ours(input, ours, oursSsim, MinHeap.peakRss("ours", input.path(), oursHeap,
                    3 + runs)));
        }
        List<Sharp.Figures> sharp = Sharp.run(inputs, runs);
        System.out.println();
        System.out.println("| input | what | ours ms | Thumbnailator ms | speed-up | ours min -Xmx MB"
                + " | ours min -Xmx MB, streamed | Thumbnailator min -Xmx MB | ours SSIM | Thumbnailator SSIM |");
        rows.forEach(System.out::println);
        System.out.println();
        int cores = sharp.stream().mapToInt(Sharp.Figures::threads).max().orElse(0);
        System.out.println(sharp.isEmpty() ? "sharp/libvips: not run (see above)" : sharp.get(0).version());
        System.out.println("| input | what | ours ms | sharp ms, 1 thread | ours / sharp | sharp ms, "
                + (cores > 0 ? cores : "all") + " threads | ours peak RSS MB | sharp peak RSS MB | ours SSIM"
                + " | sharp SSIM |");
        for (Ours our : ourFigures) {
            Sharp.Figures one = find(sharp, our.input(), 1);
            Sharp.Figures all = find(sharp, our.input(), cores);
            String ratio = one == null || our.ms() < 0 ? "—" : String.format(Locale.ROOT, "%.2f×",
                    our.ms() / one.medianMs());
            String sharpSsim = one == null ? "—" : String.format(Locale.ROOT, "%.3f", Quality.ssim(TestSafe.read(
                    Files.readAllBytes(one.png())), Quality.imageMagickReference(our.input().path(), dir)));
            System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %.3f | %s |",
                    our.input().name(), our.input().description(), our.ms() < 0 ? "fails" : fmt(our.ms()),
                    one == null ? "—" : fmt(one.medianMs()), ratio, all == null ? "—" : fmt(all.medianMs()),
                    our.peakRss(), one == null ? "—" : String.format(Locale.ROOT, "%.0f", one.peakRssMb()),
                    our.ssim(), sharpSsim));
        }
    }

    /** Our figures for one input, kept for the table against sharp. */
    record Ours(Input input, double ms, double ssim, String peakRss) {}

    private static Sharp.Figures find(List<Sharp.Figures> figures, Input input, int threads) {
        return figures.stream().filter(f -> f.input().equals(input.path().getFileName().toString())
                && f.threads() == threads).findFirst().orElse(null);
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
            Process p = once(contender, input, megabytes, 1).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        }

        /**
         * Peak RSS (VmHWM, MB) of a fresh JVM making the thumbnail {@code repeats} times with {@code -Xmx} at
         * {@code megabytes}. Where one thumbnail fits but the repeats do not, the heap grows by a quarter until they
         * do, and the text names the {@code -Xmx} used.
         */
        static String peakRss(String contender, Path input, int megabytes, int repeats)
                throws IOException, InterruptedException {
            Path out = Files.createTempFile("thumbnail-rss", ".txt");
            try {
                for (int heap = megabytes; heap > 0 && heap <= 2048; heap += Math.max(1, heap / 4)) {
                    Process p = once(contender, input, heap, repeats).redirectOutput(out.toFile()).start();
                    boolean passed = p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
                    p.destroyForcibly();
                    Matcher kilobytes = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(Files.readString(out));
                    if (passed && kilobytes.find()) {
                        return String.format(Locale.ROOT, "%.0f", Long.parseLong(kilobytes.group(1)) / 1024.0)
                                + (heap == megabytes ? "" : " (-Xmx" + heap + "m)");
                    }
                }
                return "fails";
            } finally {
                Files.delete(out);
            }
        }

        private static ProcessBuilder once(String contender, Path input, int megabytes, int repeats) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(java, "-Xmx" + megabytes + "m", "-Xms" + Math.min(megabytes, 8) + "m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Once.class.getName(),
                    contender, input.toString(), String.valueOf(repeats)).redirectErrorStream(true);
        }
    }

    /** The child JVM: makes a thumbnail, exits 0 on success. */
    public static final class Once {
        private Once() {}

        /**
         * Makes the thumbnail, as many times as asked.
         *
         * @param args contender ({@code ours}, {@code ours-streamed} — decoding from a file stream, never holding
         *     the file — or {@code thumbnailator}), input file and how many times to make it; then prints the
         *     process's peak RSS, the {@code VmHWM} line of {@code /proc/self/status} (Linux)
         * @throws IOException when the input cannot be read
         */
        public static void main(String[] args) throws IOException {
            Path input = Path.of(args[1]);
            boolean streamed = args[0].equals("ours-streamed");
            byte[] bytes = streamed ? null : Files.readAllBytes(input);
            byte[] out = new byte[0];
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                if (streamed) {
                    try (InputStream in = Files.newInputStream(input)) {
                        out = OURS.generate(in, input.getFileName().toString()).thumbnails().get(0).bytes();
                    }
                } else {
                    out = args[0].equals("ours") ? ours(bytes) : thumbnailator(bytes, "jpg");
                }
            }
            Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status)) {
                Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                        .forEach(System.out::println);
            }
            System.exit(out.length > 0 ? 0 : 1);
        }
    }
}
