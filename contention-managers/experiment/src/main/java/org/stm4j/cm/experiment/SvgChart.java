package org.stm4j.cm.experiment;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the results as an SVG image: small multiples, one row per workload, with throughput
 * (commits/s) on the left and abort ratio (%) on the right, each a line per manager over the thread
 * counts (evenly spaced categories). Each panel's y axis starts at 0 and ends at a round number
 * above its largest value, so panels are not comparable in absolute height, only in shape and order.
 * Plain SVG 1.1 written as text: no dependency, and the output is well-formed XML (text escaped).
 *
 * <p>With repeated rounds each point is the cell's median and carries an error bar from the low to
 * the high end of its confidence interval ({@link Stats}); cells without a finished round are left out.
 */
final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a"};
    private static final int PANEL_W = 360;
    private static final int PANEL_H = 200;
    private static final int LEFT = 62;
    private static final int RIGHT = 12;
    private static final int TOP = 24;
    private static final int BOTTOM = 34;
    private static final int HEADER = 84;

    private SvgChart() {
    }

    /**
     * Writes the chart of {@code results} to {@code file}.
     *
     * @param title a line above the chart (the run's JVM, machine, seed)
     * @throws IOException if the file cannot be written
     */
    static void write(List<CellResult> results, String title, String subtitle, Path file) throws IOException {
        writeCells(results.stream().map(CellSummary::of).toList(), title, subtitle, file);
    }

    /**
     * Writes the chart of {@code cells} (medians with error bars) to {@code file}.
     *
     * @throws IOException if the file cannot be written
     */
    static void writeCells(List<CellSummary> cells, String title, String subtitle, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, renderCells(cells, title, subtitle), StandardCharsets.UTF_8);
    }

    static String render(List<CellResult> results, String title, String subtitle) {
        return renderCells(results.stream().map(CellSummary::of).toList(), title, subtitle);
    }

    static String renderCells(List<CellSummary> all, String title, String subtitle) {
        List<CellSummary> results = all.stream().filter(CellSummary::measured).toList();
        List<String> workloads = distinct(results, CellSummary::workload);
        List<String> managers = distinct(results, CellSummary::manager);
        List<Integer> threads = distinct(results, CellSummary::threads);
        int width = 2 * PANEL_W;
        int height = HEADER + workloads.size() * PANEL_H + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, 10, 18, "start", 13, escape(title));
        text(svg, 10, 34, "start", 10, escape(subtitle));
        for (int m = 0; m < managers.size(); m++) {
            int x = 10 + (m % 6) * 115;
            int y = 52 + (m / 6) * 16;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" %s/>%n",
                    x, y - 4, x + 22, y - 4, stroke(m)));
            text(svg, x + 27, y, "start", 11, escape(managers.get(m)));
        }
        for (int w = 0; w < workloads.size(); w++) {
            List<CellSummary> rows = new ArrayList<>();
            for (CellSummary r : results) {
                if (r.workload().equals(workloads.get(w))) {
                    rows.add(r);
                }
            }
            int y0 = HEADER + w * PANEL_H;
            panel(svg, 0, y0, workloads.get(w) + ": commits/s", rows, managers, threads, CellResult::throughput,
                    false);
            panel(svg, PANEL_W, y0, workloads.get(w) + ": abort ratio %", rows, managers, threads,
                    r -> 100 * r.abortRatio(), true);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int x0, int y0, String title, List<CellSummary> rows,
            List<String> managers, List<Integer> threads, ToDoubleFunction<CellResult> metric, boolean percent) {
        double max = 0;
        for (CellSummary r : rows) {
            max = Math.max(max, r.estimate(metric).high());
        }
        double top = niceCeiling(max, percent);
        int plotLeft = x0 + LEFT;
        int plotRight = x0 + PANEL_W - RIGHT;
        int plotTop = y0 + TOP;
        int plotBottom = y0 + PANEL_H - BOTTOM;
        text(svg, x0 + PANEL_W / 2, y0 + 15, "middle", 12, escape(title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop));
        int ticks = ticksFor(top);
        for (int i = 0; i <= ticks; i++) {
            double v = top * i / ticks;
            double y = yOf(v, top, plotTop, plotBottom);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    plotLeft, y, plotRight, y));
            text(svg, plotLeft - 4, y + 4, "end", 10, label(v, percent));
        }
        for (int t = 0; t < threads.size(); t++) {
            text(svg, xOf(t, threads.size(), plotLeft, plotRight), plotBottom + 14, "middle", 10,
                    Integer.toString(threads.get(t)));
        }
        text(svg, (plotLeft + plotRight) / 2.0, plotBottom + 28, "middle", 10, "threads");
        for (int m = 0; m < managers.size(); m++) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int t = 0; t < threads.size(); t++) {
                for (CellSummary r : rows) {
                    if (r.manager().equals(managers.get(m)) && r.threads() == threads.get(t)) {
                        Stats.Estimate e = r.estimate(metric);
                        double x = xOf(t, threads.size(), plotLeft, plotRight);
                        double y = yOf(e.median(), top, plotTop, plotBottom);
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                        if (r.rounds().size() > 1) {
                            double lo = yOf(e.low(), top, plotTop, plotBottom);
                            double hi = yOf(e.high(), top, plotTop, plotBottom);
                            double bx = x + (m - (managers.size() - 1) / 2.0) * 1.5; // bars side by side
                            dots.append(String.format(Locale.ROOT, "<path class=\"error-bar\" d=\"M%.1f,%.1f V%.1f"
                                    + " M%.1f,%.1f h6 M%.1f,%.1f h6\" stroke=\"%s\" stroke-width=\"1\" fill=\"none\"/>%n",
                                    bx, lo, hi, bx - 3, lo, bx - 3, hi, COLORS[m % COLORS.length]));
                        }
                        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n",
                                x, y, COLORS[m % COLORS.length]));
                    }
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" %s points=\"%s\"/>%n", stroke(m),
                    points.toString().trim()));
            svg.append(dots);
        }
    }

    private static String stroke(int manager) {
        String dash = manager >= COLORS.length ? " stroke-dasharray=\"5,3\"" : "";
        return "stroke=\"" + COLORS[manager % COLORS.length] + "\" stroke-width=\"1.8\"" + dash;
    }

    private static double xOf(int index, int count, int left, int right) {
        double pad = 18;
        if (count == 1) {
            return (left + right) / 2.0;
        }
        return left + pad + (right - left - 2 * pad) * index / (count - 1);
    }

    private static double yOf(double v, double top, int plotTop, int plotBottom) {
        return plotBottom - (plotBottom - plotTop) * (v / top);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code max} (1 when max is 0). */
    static double niceCeiling(double max, boolean percent) {
        if (!(max > 0)) {
            return 1;
        }
        if (percent && max > 50) {
            return 100;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Tick intervals that land on round numbers: a ceiling of 2·10^k gets 4, the others (1, 2.5, 5) get 5. */
    static int ticksFor(double top) {
        double mantissa = top / Math.pow(10, Math.floor(Math.log10(top)));
        return Math.abs(mantissa - 2) < 1e-9 ? 4 : 5;
    }

    /** A tick label: three significant digits at most, with k and M for thousands and millions (not for percentages). */
    static String label(double v, boolean percent) {
        if (!percent && v >= 1e6) {
            return significant(v / 1e6) + "M";
        }
        if (!percent && v >= 1e3) {
            return significant(v / 1e3) + "k";
        }
        return significant(v);
    }

    private static String significant(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String escaped) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escaped));
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static <T> List<T> distinct(List<CellSummary> results, java.util.function.Function<CellSummary, T> key) {
        List<T> out = new ArrayList<>();
        for (CellSummary r : results) {
            T k = key.apply(r);
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
