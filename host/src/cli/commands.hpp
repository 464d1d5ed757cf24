// Every subcommand, one function each; the table in run.cpp maps names to them.
#pragma once

#include "cli/command.hpp"

namespace cloudtrack::host::cli {

int cmd_list(Context& context, const Args& args);
int cmd_show(Context& context, const Args& args);
int cmd_plugin(Context& context, const Args& args);
int cmd_bundle(Context& context, const Args& args);
int cmd_assess(Context& context, const Args& args);
int cmd_screen(Context& context, const Args& args);
int cmd_results(Context& context, const Args& args);
int cmd_certs(Context& context, const Args& args);
int cmd_ladder(Context& context, const Args& args);
int cmd_portfolio(Context& context, const Args& args);
int cmd_roadmap(Context& context, const Args& args);
int cmd_recommend(Context& context, const Args& args);
int cmd_report(Context& context, const Args& args);
int cmd_cohort(Context& context, const Args& args);
int cmd_store(Context& context, const Args& args);
int cmd_progress(Context& context, const Args& args);
int cmd_help(Context& context, const Args& args);

// `plugin new` and `plugin preview` (cli/plugin_author.cpp), dispatched by cmd_plugin.
int plugin_new(Context& context, const Args& args);
int plugin_preview(Context& context, const Args& args);
int cmd_simulate(Context& context, const Args& args);
// `simulate --screener` (cli/simulate_screener.cpp), dispatched by cmd_simulate.
int simulate_screener(Context& context, const Args& args);
int cmd_calibrate(Context& context, const Args& args);

} // namespace cloudtrack::host::cli
