package io.orderinsight.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The marketplace the simulator trades in, the same for a seed: sellers whose popularity follows a Zipf law (a few
 * sell most), a pool of customers who come back, each at home in one country and paying in its currency with one
 * card, categories, channels.
 */
final class Market {

    record Country(String code, String currency, int priceScale) {}

    record Customer(String id, Country country, String fingerprint) {}

    static final List<Country> COUNTRIES = List.of(
            new Country("US", "USD", 1),
            new Country("US", "USD", 1),
            new Country("DE", "EUR", 1),
            new Country("FR", "EUR", 1),
            new Country("NL", "EUR", 1),
            new Country("GB", "GBP", 1),
            new Country("JP", "JPY", 1));

    static final List<String> CATEGORIES =
            List.of("toys", "books", "electronics", "fashion", "home", "beauty", "sports", "grocery");

    /** Channels by weight: SEARCH and SHOP carry most of the traffic. */
    static final List<String> CHANNELS =
            List.of("SEARCH", "SEARCH", "SEARCH", "SHOP", "SHOP", "LIVE", "VIDEO", "OTHER");

    private final String tag;
    private final double[] sellerWeights;
    private final Customer[] customers;

    Market(String tag, long seed, int sellers, int customers) {
        this.tag = tag;
        SplittableRandom random = new SplittableRandom(seed);
        this.sellerWeights = new double[sellers];
        double total = 0;
        for (int rank = 1; rank <= sellers; rank++) {
            total += 1.0 / Math.pow(rank, 1.1);
            sellerWeights[rank - 1] = total;
        }
        for (int i = 0; i < sellers; i++) {
            sellerWeights[i] /= total;
        }
        this.customers = new Customer[customers];
        for (int i = 0; i < customers; i++) {
            Country country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
            this.customers[i] = new Customer(tag + "-c-" + i, country, tag + "-card-" + i);
        }
    }

    String seller(SplittableRandom random) {
        double draw = random.nextDouble();
        int low = 0;
        int high = sellerWeights.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sellerWeights[middle] < draw) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return tag + "-seller-" + low;
    }

    /** A returning customer most of the time: the first tenth of the pool buys most often. */
    Customer customer(SplittableRandom random) {
        int pool = customers.length;
        int index = random.nextDouble() < 0.5 ? random.nextInt(Math.max(1, pool / 10)) : random.nextInt(pool);
        return customers[index];
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A unit price in minor units: mostly small, sometimes large (log-uniform from 5 to 800 major units). */
    static long unitPrice(SplittableRandom random, String currency) {
        double major = Math.exp(Math.log(5) + random.nextDouble() * (Math.log(800) - Math.log(5)));
        return currency.equals("JPY") ? Math.round(major * 150) : Math.round(major * 100);
    }
}
