#include "assessment/calibrate.hpp"

#include "content/calibration.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <thread>

namespace cloudtrack::host::assessment {

namespace {

// 40 points from -3.9 to 3.9: for a 2PL likelihood, finer grids move estimates by far less than
// their standard errors, and the E-step's cost is linear in the points. An even count lets the
// compiler vectorize the E-step's loops at -O2 without a scalar remainder.
constexpr size_t k_points = 40;
constexpr double k_low = -3.9;
constexpr double k_step = 0.2;

using Row = std::array<double, k_points>;

double node(size_t q)
{
    return k_low + k_step * static_cast<double>(q);
}

double logistic(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

// The people's responses in one flat array (CSR), so an E-step walks memory in order.
struct Flat {
    std::vector<size_t> start; // person i's responses are [start[i], start[i + 1])
    std::vector<size_t> item;
    std::vector<double> score;
};

Flat flatten(const ResponseSet& set)
{
    Flat flat;
    flat.start.push_back(0);
    for (const auto& person : set.people) {
        for (const auto& r : person) {
            flat.item.push_back(r.item);
            flat.score.push_back(r.score);
        }
        flat.start.push_back(flat.item.size());
    }
    return flat;
}

struct Parameters {
    double a = 1.0;
    double b = 0.0;
};

// log P and log (1 - P) of every item at every node.
void tabulate(const std::vector<Parameters>& items, std::vector<Row>& log_p, std::vector<Row>& log_q)
{
    for (size_t j = 0; j < items.size(); ++j) {
        for (size_t q = 0; q < k_points; ++q) {
            const double p = logistic(items[j].a * (node(q) - items[j].b));
            log_p[j][q] = std::log(p);
            log_q[j][q] = std::log1p(-p);
        }
    }
}

// One person's posterior over the nodes; returns the log of their marginal likelihood.
double person_posterior(const Flat& flat, size_t i, const Row& log_weight, const std::vector<Row>& log_p,
                        const std::vector<Row>& log_q, Row& posterior)
{
    Row log_post = log_weight;
    for (size_t r = flat.start[i]; r < flat.start[i + 1]; ++r) {
        const auto& lp = log_p[flat.item[r]];
        const auto& lq = log_q[flat.item[r]];
        const double u = flat.score[r];
        if (u == 1.0) {
            for (size_t q = 0; q < k_points; ++q) {
                log_post[q] += lp[q];
            }
        } else if (u == 0.0) {
            for (size_t q = 0; q < k_points; ++q) {
                log_post[q] += lq[q];
            }
        } else {
            for (size_t q = 0; q < k_points; ++q) {
                log_post[q] += u * lp[q] + (1.0 - u) * lq[q];
            }
        }
    }
    const double most = *std::max_element(log_post.begin(), log_post.end());
    double total = 0.0;
    for (size_t q = 0; q < k_points; ++q) {
        posterior[q] = std::exp(log_post[q] - most);
        total += posterior[q];
    }
    for (auto& value : posterior) {
        value /= total;
    }
    return most + std::log(total);
}

// Adds one slice of people's expected counts: per item and node, the posterior mass of those who
// saw the item (n) and of those who got it right (r).
double e_step_slice(const Flat& flat, size_t first, size_t last, const Row& log_weight,
                    const std::vector<Row>& log_p, const std::vector<Row>& log_q, std::vector<Row>& n,
                    std::vector<Row>& r)
{
    double log_likelihood = 0.0;
    Row posterior{};
    for (size_t i = first; i < last; ++i) {
        log_likelihood += person_posterior(flat, i, log_weight, log_p, log_q, posterior);
        for (size_t k = flat.start[i]; k < flat.start[i + 1]; ++k) {
            auto& seen = n[flat.item[k]];
            auto& right = r[flat.item[k]];
            const double u = flat.score[k];
            for (size_t q = 0; q < k_points; ++q) {
                seen[q] += posterior[q];
            }
            if (u == 1.0) {
                for (size_t q = 0; q < k_points; ++q) {
                    right[q] += posterior[q];
                }
            } else if (u != 0.0) {
                for (size_t q = 0; q < k_points; ++q) {
                    right[q] += u * posterior[q];
                }
            }
        }
    }
    return log_likelihood;
}

// The E-step over all people in a fixed number of slices, run on threads and summed in slice
// order: the result is the same on any number of cores.
double e_step(const Flat& flat, const Row& log_weight, const std::vector<Row>& log_p,
              const std::vector<Row>& log_q, std::vector<Row>& n, std::vector<Row>& r)
{
    constexpr size_t k_slices = 8;
    const size_t people = flat.start.size() - 1;
    const size_t items = n.size();
    std::vector<std::vector<Row>> slice_n(k_slices, std::vector<Row>(items, Row{}));
    std::vector<std::vector<Row>> slice_r(k_slices, std::vector<Row>(items, Row{}));
    std::array<double, k_slices> slice_log{};
    {
        std::vector<std::jthread> threads;
        for (size_t s = 0; s < k_slices; ++s) {
            const size_t first = people * s / k_slices;
            const size_t last = people * (s + 1) / k_slices;
            threads.emplace_back([&, s, first, last] {
                slice_log[s] =
                    e_step_slice(flat, first, last, log_weight, log_p, log_q, slice_n[s], slice_r[s]);
            });
        }
    } // joined here
    double log_likelihood = 0.0;
    for (size_t j = 0; j < items; ++j) {
        n[j].fill(0.0);
        r[j].fill(0.0);
    }
    for (size_t s = 0; s < k_slices; ++s) {
        log_likelihood += slice_log[s];
        for (size_t j = 0; j < items; ++j) {
            for (size_t q = 0; q < k_points; ++q) {
                n[j][q] += slice_n[s][j][q];
                r[j][q] += slice_r[s][j][q];
            }
        }
    }
    return log_likelihood;
}

// The M-step objective of one item: its expected complete-data log likelihood plus the log prior,
// in (log a, b).
double objective(double log_a, double b, const Row& n, const Row& r, const CalibrationOptions& o)
{
    const double a = std::exp(log_a);
    double f = -0.5 * std::pow((log_a - o.prior_log_a_mean) / o.prior_log_a_sd, 2) -
               0.5 * std::pow((b - o.prior_b_mean) / o.prior_b_sd, 2);
    for (size_t q = 0; q < k_points; ++q) {
        const double z = a * (node(q) - b);
        // log P = -log(1 + e^-z), log(1 - P) = -log(1 + e^z), both without overflow.
        f += -r[q] * std::log1p(std::exp(-z)) - (n[q] - r[q]) * std::log1p(std::exp(z));
    }
    return f;
}

// Fisher scoring on (log a, b) with step halving: the expected information is positive definite,
// so every step is an ascent direction, and halving keeps the objective from falling.
Parameters maximize(Parameters start, const Row& n, const Row& r, const CalibrationOptions& o)
{
    const double low_a = std::log(content::k_min_a);
    const double high_a = std::log(content::k_max_a);
    double log_a = std::log(start.a);
    double b = start.b;
    double f = objective(log_a, b, n, r, o);
    for (int iteration = 0; iteration < 25; ++iteration) {
        const double a = std::exp(log_a);
        double g_la = -(log_a - o.prior_log_a_mean) / (o.prior_log_a_sd * o.prior_log_a_sd);
        double g_b = -(b - o.prior_b_mean) / (o.prior_b_sd * o.prior_b_sd);
        double h_aa = 1.0 / (o.prior_log_a_sd * o.prior_log_a_sd);
        double h_bb = 1.0 / (o.prior_b_sd * o.prior_b_sd);
        double h_ab = 0.0;
        for (size_t q = 0; q < k_points; ++q) {
            const double z = a * (node(q) - b);
            const double p = logistic(z);
            const double e = r[q] - n[q] * p;
            const double w = n[q] * p * (1.0 - p);
            g_la += e * z;
            g_b -= e * a;
            h_aa += w * z * z;
            h_bb += w * a * a;
            h_ab -= w * z * a;
        }
        const double det = h_aa * h_bb - h_ab * h_ab;
        if (!(det > 0.0)) {
            break;
        }
        double d_la = std::clamp((h_bb * g_la - h_ab * g_b) / det, -1.0, 1.0);
        double d_b = std::clamp((h_aa * g_b - h_ab * g_la) / det, -1.0, 1.0);
        bool moved = false;
        for (int halving = 0; halving < 20; ++halving) {
            const double next_la = std::clamp(log_a + d_la, low_a, high_a);
            const double next_b = std::clamp(b + d_b, content::k_min_b, content::k_max_b);
            const double next_f = objective(next_la, next_b, n, r, o);
            if (next_f >= f) {
                moved = std::abs(next_la - log_a) + std::abs(next_b - b) > 1e-9;
                log_a = next_la;
                b = next_b;
                f = next_f;
                break;
            }
            d_la /= 2.0;
            d_b /= 2.0;
        }
        if (!moved) {
            break;
        }
    }
    return {std::exp(log_a), b};
}

// Facility and point-biserial: classical figures that need no model, so they stand beside the
// estimates as a check on them.
void classical(const ResponseSet& set, std::vector<ItemCalibration>& out)
{
    struct Sums {
        double n = 0, u = 0, uu = 0, rest = 0, rr = 0, ur = 0;
    };
    std::vector<Sums> sums(set.item_ids.size());
    std::vector<Sums> all(set.item_ids.size()); // every response, for the facility
    for (const auto& person : set.people) {
        double total = 0.0;
        for (const auto& r : person) {
            total += r.score;
            all[r.item].n += 1;
            all[r.item].u += r.score;
        }
        if (person.size() < 2) {
            continue;
        }
        for (const auto& r : person) {
            const double rest = (total - r.score) / static_cast<double>(person.size() - 1);
            auto& s = sums[r.item];
            s.n += 1;
            s.u += r.score;
            s.uu += r.score * r.score;
            s.rest += rest;
            s.rr += rest * rest;
            s.ur += r.score * rest;
        }
    }
    for (size_t j = 0; j < out.size(); ++j) {
        out[j].n = static_cast<size_t>(all[j].n);
        out[j].facility = all[j].n > 0 ? all[j].u / all[j].n : 0.0;
        const auto& s = sums[j];
        const double var_u = s.n * s.uu - s.u * s.u;
        const double var_r = s.n * s.rr - s.rest * s.rest;
        out[j].point_biserial =
            var_u > 0 && var_r > 0 ? (s.n * s.ur - s.u * s.rest) / std::sqrt(var_u * var_r) : 0.0;
    }
}

} // namespace

CalibrationRun calibrate(const ResponseSet& set, const CalibrationOptions& options)
{
    const size_t items = set.item_ids.size();
    CalibrationRun run;
    run.people = set.people.size();
    run.items.resize(items);
    for (size_t j = 0; j < items; ++j) {
        run.items[j].id = set.item_ids[j];
    }
    classical(set, run.items);

    const auto flat = flatten(set);
    Row log_weight{};
    double weight_total = 0.0;
    for (size_t q = 0; q < k_points; ++q) {
        weight_total += std::exp(-0.5 * node(q) * node(q));
    }
    for (size_t q = 0; q < k_points; ++q) {
        log_weight[q] = -0.5 * node(q) * node(q) - std::log(weight_total);
    }
    // Start from the facility: b where a person of average ability has that chance, a = 1.
    std::vector<Parameters> params(items);
    for (size_t j = 0; j < items; ++j) {
        const double f = std::clamp(run.items[j].facility, 0.02, 0.98);
        params[j] = {1.0, std::clamp(-1.2 * std::log(f / (1.0 - f)), -3.0, 3.0)};
    }

    std::vector<Row> log_p(items);
    std::vector<Row> log_q(items);
    std::vector<Row> expected_n(items);
    std::vector<Row> expected_r(items);
    for (run.iterations = 1; run.iterations <= options.max_iterations; ++run.iterations) {
        tabulate(params, log_p, log_q);
        const double log_likelihood = e_step(flat, log_weight, log_p, log_q, expected_n, expected_r);
        run.log_likelihood = log_likelihood;
        double change = 0.0;
        for (size_t j = 0; j < items; ++j) {
            if (run.items[j].n == 0) {
                continue;
            }
            const auto next = maximize(params[j], expected_n[j], expected_r[j], options);
            change = std::max({change, std::abs(next.a - params[j].a), std::abs(next.b - params[j].b)});
            params[j] = next;
        }
        if (change < options.tolerance) {
            run.converged = true;
            break;
        }
    }
    run.iterations = std::min(run.iterations, options.max_iterations);

    // Standard errors from the cross-products of each person's score (gradient of their marginal
    // log likelihood) per item, plus the prior's curvature: consistent for the marginal model,
    // where the M-step's own curvature would treat abilities as known and understate errors.
    tabulate(params, log_p, log_q);
    std::vector<std::array<double, 3>> info(items, {0.0, 0.0, 0.0});
    std::vector<Row> p_table(items);
    for (size_t j = 0; j < items; ++j) {
        for (size_t q = 0; q < k_points; ++q) {
            p_table[j][q] = std::exp(log_p[j][q]);
        }
    }
    Row posterior{};
    for (size_t i = 0; i < set.people.size(); ++i) {
        person_posterior(flat, i, log_weight, log_p, log_q, posterior);
        for (size_t r = flat.start[i]; r < flat.start[i + 1]; ++r) {
            const auto j = flat.item[r];
            const double u = flat.score[r];
            double g_a = 0.0;
            double g_b = 0.0;
            for (size_t q = 0; q < k_points; ++q) {
                const double e = posterior[q] * (u - p_table[j][q]);
                g_a += e * (node(q) - params[j].b);
                g_b += e;
            }
            g_b *= -params[j].a;
            info[j][0] += g_a * g_a;
            info[j][1] += g_a * g_b;
            info[j][2] += g_b * g_b;
        }
    }
    for (size_t j = 0; j < items; ++j) {
        auto& item = run.items[j];
        item.a = params[j].a;
        item.b = params[j].b;
        item.estimated = item.n > 0;
        const double a = params[j].a;
        const double i_aa = info[j][0] + 1.0 / std::pow(options.prior_log_a_sd * a, 2);
        const double i_bb = info[j][2] + 1.0 / std::pow(options.prior_b_sd, 2);
        const double i_ab = info[j][1];
        const double det = i_aa * i_bb - i_ab * i_ab;
        item.se_a = det > 0 ? std::sqrt(i_bb / det) : std::numeric_limits<double>::infinity();
        item.se_b = det > 0 ? std::sqrt(i_aa / det) : std::numeric_limits<double>::infinity();
        if (!item.estimated) {
            item.flags.emplace_back("no responses");
            continue;
        }
        if (item.point_biserial < 0.25) {
            item.flags.emplace_back("low discrimination");
        }
        if (item.facility > 0.95) {
            item.flags.emplace_back("too easy");
        }
        if (item.facility < 0.10) {
            item.flags.emplace_back("too hard");
        }
        if (item.n < options.min_responses) {
            item.flags.emplace_back("few responses");
        }
        if (!run.converged) {
            item.flags.emplace_back("no convergence");
        }
    }
    return run;
}

} // namespace cloudtrack::host::assessment
