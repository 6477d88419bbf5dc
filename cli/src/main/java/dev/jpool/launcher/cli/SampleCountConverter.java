package dev.jpool.launcher.cli;

import dev.jpool.pi.MonteCarloPi;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sample counts as people write them: {@code 1000000}, {@code 1_000_000} or {@code 1e6}. */
final class SampleCountConverter implements ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("[0-9]+(_[0-9]+)*(\\.[0-9]+)?([eE]\\+?[0-9]+)?");

    @Override
    public Long convert(String value) {
        String text = value.trim();
        if (!FORM.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' is not a positive whole number like 1000000, 1_000_000 or 1e6");
        }
        BigDecimal number = new BigDecimal(text.replace("_", ""));
        if (number.compareTo(BigDecimal.valueOf(MonteCarloPi.MAX_SAMPLES)) > 0) {
            throw new TypeConversionException("'" + value + "' is more than the largest sample count, 1e15");
        }
        if (number.signum() <= 0) {
            throw new TypeConversionException("'" + value + "' must be at least 1");
        }
        if (number.stripTrailingZeros().scale() > 0) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        return number.longValueExact();
    }
}
