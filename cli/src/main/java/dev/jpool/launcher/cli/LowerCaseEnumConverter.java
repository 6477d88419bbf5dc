package dev.jpool.launcher.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Enum values as users type them, in lower case; the error lists them in lower case too. */
abstract class LowerCaseEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ", "[", "]"))
                + " but was '" + value + "'");
    }

    static final class ModeConverter extends LowerCaseEnumConverter<dev.jpool.launcher.run.Mode> {
        ModeConverter() {
            super(dev.jpool.launcher.run.Mode.class);
        }
    }

    static final class FormatConverter extends LowerCaseEnumConverter<dev.jpool.launcher.report.Format> {
        FormatConverter() {
            super(dev.jpool.launcher.report.Format.class);
        }
    }

    static final class LauncherConverter extends LowerCaseEnumConverter<dev.jpool.process.WorkerLauncher> {
        LauncherConverter() {
            super(dev.jpool.process.WorkerLauncher.class);
        }
    }
}
