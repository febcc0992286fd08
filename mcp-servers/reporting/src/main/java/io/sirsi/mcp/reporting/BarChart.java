package io.sirsi.mcp.reporting;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A horizontal bar chart drawn as inline SVG in Java: no script, so it shows in the browser, in the
 * PDF (through Batik) and wherever JavaScript is off. It has both axes' titles, ticks, and each bar's
 * value written beside it; every label is escaped.
 */
record BarChart(String title, String categoryAxis, String valueAxis, boolean money, List<Bar> bars) {
    private static final int WIDTH = 760;
    private static final int LEFT = 250;
    private static final int TOP = 40;
    private static final int ROW = 24;
    private static final int BOTTOM = 50;
    private static final int PLOT = WIDTH - LEFT - 110;
    private static final int LABEL_CHARS = 34;

    /** One bar: its label, value and fill colour (a CSS colour). */
    record Bar(String label, double value, String colour) {
        Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(colour, "colour");
            if (value < 0 || Double.isNaN(value)) {
                throw new IllegalArgumentException("a bar's value is not negative: " + value);
            }
        }
    }

    BarChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(categoryAxis, "categoryAxis");
        Objects.requireNonNull(valueAxis, "valueAxis");
        bars = List.copyOf(bars);
    }

    /** The chart as an {@code <svg>} element; {@code xml} adds the SVG namespace that XHTML needs. */
    String svg(boolean xml) {
        int height = TOP + Math.max(1, bars.size()) * ROW + BOTTOM;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double step = money ? niceStep(max / 4) : Math.max(1, niceStep(max / 4));
        double top = Math.max(step, Math.ceil(max / step) * step);
        StringBuilder s = new StringBuilder();
        s.append("<svg").append(xml ? " xmlns=\"http://www.w3.org/2000/svg\"" : "");
        s.append(" class=\"chart\" role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height);
        s.append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" aria-label=\"");
        s.append(Escape.html(title)).append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">");
        s.append("<title>").append(Escape.html(title)).append("</title>");
        s.append("<rect x=\"0\" y=\"0\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height);
        s.append("\" fill=\"#ffffff\"/>");
        text(s, WIDTH / 2, 22, "middle", "bold", 14, title);
        int plotBottom = TOP + Math.max(1, bars.size()) * ROW;
        int ticks = (int) Math.round(top / step);
        for (int t = 0; t <= ticks; t++) {
            double tick = t * step;
            int x = LEFT + (int) Math.round(tick / top * PLOT);
            s.append("<line x1=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(TOP - 4)
                    .append("\" x2=\"")
                    .append(x);
            s.append("\" y2=\"").append(plotBottom).append("\" stroke=\"#e3e6ea\"/>");
            text(s, x, plotBottom + 16, "middle", "normal", 11, format(tick, true));
        }
        s.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(plotBottom)
                .append("\" x2=\"");
        s.append(LEFT + PLOT).append("\" y2=\"").append(plotBottom).append("\" stroke=\"#5f6b7a\"/>");
        s.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(TOP - 4)
                .append("\" x2=\"")
                .append(LEFT);
        s.append("\" y2=\"").append(plotBottom).append("\" stroke=\"#5f6b7a\"/>");
        if (bars.isEmpty()) {
            text(s, LEFT + PLOT / 2, TOP + 16, "middle", "normal", 12, "Nothing to show");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * ROW;
            int w = (int) Math.round(bar.value() / top * PLOT);
            text(s, LEFT - 8, y + 16, "end", "normal", 12, shorten(bar.label()));
            s.append("<rect x=\"")
                    .append(LEFT + 1)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" width=\"");
            s.append(Math.max(w, bar.value() > 0 ? 2 : 0))
                    .append("\" height=\"")
                    .append(ROW - 8);
            s.append("\" fill=\"").append(Escape.html(bar.colour())).append("\"><title>");
            s.append(Escape.html(bar.label() + ": " + format(bar.value(), false)))
                    .append("</title></rect>");
            text(s, LEFT + w + 6, y + 16, "start", "bold", 12, format(bar.value(), false));
        }
        text(s, LEFT + PLOT / 2, height - 10, "middle", "normal", 12, valueAxis);
        s.append("<text x=\"16\" y=\"").append((TOP + plotBottom) / 2).append("\" text-anchor=\"middle\"");
        s.append(" font-size=\"12\" fill=\"#33404d\" transform=\"rotate(-90 16 ")
                .append((TOP + plotBottom) / 2);
        s.append(")\">").append(Escape.html(categoryAxis)).append("</text>");
        return s.append("</svg>").toString();
    }

    /** A value as the chart writes it: money with a dollar sign, counts as whole numbers. */
    String format(double value, boolean tick) {
        if (!money) {
            return value == Math.rint(value)
                    ? String.format(Locale.ROOT, "%,d", (long) value)
                    : String.format(Locale.ROOT, "%,.1f", value);
        }
        return tick && value >= 1000
                ? String.format(Locale.ROOT, "$%,.0f", value)
                : String.format(Locale.ROOT, "$%,.2f", value);
    }

    private static void text(StringBuilder s, int x, int y, String anchor, String weight, int size, String text) {
        s.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor);
        s.append("\" font-weight=\"").append(weight).append("\" font-size=\"").append(size);
        s.append("\" fill=\"#1f2933\">").append(Escape.html(text)).append("</text>");
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "\u2026";
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
