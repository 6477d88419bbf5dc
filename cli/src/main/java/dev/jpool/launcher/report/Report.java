package dev.jpool.launcher.report;

import java.io.PrintWriter;
import java.util.Map;

/** One result, printed as text for people or as JSON or CSV for scripts. */
public abstract class Report {
    /** Prints the report in {@code format} and flushes. */
    public final void print(PrintWriter out, Format format) {
        switch (format) {
            case TEXT -> text(out);
            case JSON -> out.println(Json.write(json()));
            case CSV -> csv(out);
        }
        out.flush();
    }

    abstract void text(PrintWriter out);

    /** The report as JSON fields, in their order. */
    abstract Map<String, Object> json();

    abstract void csv(PrintWriter out);
}
