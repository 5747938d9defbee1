package io.orderinsight.command.testing;

import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

/** Matches a {@link CommandRejectedException} by its machine code. */
public final class Rejections {

    private Rejections() {}

    public static Matcher<CommandRejectedException> withCode(RejectionCode code) {
        return new FeatureMatcher<>(Matchers.equalTo(code), "a command rejected with code", "code") {
            @Override
            protected RejectionCode featureValueOf(CommandRejectedException rejection) {
                return rejection.code();
            }
        };
    }
}
