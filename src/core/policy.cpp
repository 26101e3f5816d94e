#include "policy.hpp"

#include <algorithm>

namespace peizou {

Choice policy_choice(const Walk& walk, const BranchOptions& branch_options) {
    const Decision* d = walk.pending();
    if (!d) return Choice{};
    Choice c = walk.engine().suggestion();
    if (d->kind == DecisionKind::branch && d->branch >= 0) {
        const Branch& b = walk.variant().branches[static_cast<std::size_t>(d->branch)];
        const auto it = branch_options.find(b.id);
        if (it != branch_options.end() && std::find(d->options.begin(), d->options.end(), it->second) != d->options.end())
            c.value = it->second;
    }
    return c;
}

std::unique_ptr<Walk> model_walk(const Scenario& scenario, const Calendar& calendar, const std::string& variant,
                                 std::uint64_t seed, const BranchOptions& branch_options,
                                 std::vector<Decision>* asked, int max_decisions) {
    auto walk = std::make_unique<Walk>(scenario, calendar, variant, seed, true);
    for (int i = 0; i < max_decisions && walk->advance() == Engine::Status::decision; ++i) {
        const Decision d = *walk->pending();
        if (!walk->choose(policy_choice(*walk, branch_options))) break;  // cannot happen
        if (asked) asked->push_back(d);
    }
    return walk;
}

}  // namespace peizou
