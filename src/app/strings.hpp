// Every UI string, in Chinese and English, in one table (strings.cpp).
// Screens call tr(state.language, Str::...) and never write literals of their own,
// so a translation is one edit and the font subset sees every character.
#pragma once
#include "app_state.hpp"

namespace peizou::app {

enum class Str {
    app_name,
    menu_view, menu_scale, menu_language, language_zh, language_en,
    tab_library, tab_walkthrough, tab_compare, tab_presentation,
    library_empty, library_pick, library_failed, library_file,
    library_summary, library_sources, library_seed, library_variants,
    library_illustrative, library_assumptions, library_issues, library_error,
    library_warning, library_count,
    fonts_loading,
    // walkthrough (issue 5)
    wt_intro, wt_scenario, wt_variant, wt_seed, wt_seed_short, wt_seed_note, wt_start,
    wt_import, wt_no_scenario, wt_where, wt_clerk, wt_materials, wt_choices, wt_burden, wt_map,
    wt_log, wt_mon, wt_tue, wt_wed, wt_thu, wt_fri, wt_sat, wt_sun, wt_header_burden, wt_skip,
    wt_rewind, wt_flag, wt_restart, wt_clock_running, wt_keys, wt_closed_lunch,
    wt_closed_night, wt_closed_weekend, wt_closed_holiday, wt_log_weekend, wt_log_holiday,
    wt_where_home, wt_where_hall, wt_where_going, wt_where_going_home, wt_where_queue,
    wt_where_window, wt_in_review, wt_clerk_accepted, wt_clerk_review, wt_clerk_rejected,
    wt_unit_minutes, wt_unit_hours, wt_unit_working_days, wt_unit_days, wt_ask_next,
    wt_ask_channel, wt_ask_handover, wt_opt_wait, wt_opt_home, wt_opt_in_person, wt_opt_online,
    wt_opt_step, wt_online_portal, wt_handover_hint, wt_handover, wt_checklist, wt_needed,
    wt_not_held, wt_submitted, wt_waiting, wt_finished, wt_stuck, wt_history, wt_rewind_here,
    wt_rewound, wt_handed, wt_handed_without, wt_import_failed, wt_imported, wt_after_none,
    wt_b_trips, wt_b_windows, wt_b_departments, wt_b_submissions, wt_b_repeats,
    wt_b_rejections, wt_b_hours, wt_b_days, wt_b_working_days, wt_b_fees, wt_ev_case_start,
    wt_ev_leave_home, wt_ev_arrive_hall, wt_ev_join_queue, wt_ev_service_start, wt_ev_handover,
    wt_ev_accepted, wt_ev_rejected, wt_ev_online_submit, wt_ev_review_start,
    wt_ev_step_complete, wt_ev_material, wt_ev_branch, wt_ev_go_home, wt_ev_arrive_home,
    wt_ev_sent_home, wt_ev_skipped, wt_ev_finish, wt_ev_stuck, wt_pain_title, wt_pain_category,
    wt_pain_note, wt_pain_save, wt_pain_cancel, wt_pain_step, wt_pc_runs_many, wt_pc_repeat,
    wt_pc_queue, wt_pc_review, wt_pc_lost, wt_pc_overdue, wt_pc_other, wt_debrief,
    wt_export_json, wt_export_md, wt_export_csv, wt_exported, wt_timeline,
    wt_row_travel, wt_row_queue, wt_row_window, wt_row_review, wt_row_rework, wt_measures,
    wt_col_measure, wt_one_trip, wt_limits_met, wt_yes, wt_no, wt_costly,
    wt_col_step, wt_col_category, wt_col_note, wt_col_time, wt_col_elapsed_days,
    wt_col_citizen_hours, wt_col_rejections, wt_col_flags, wt_no_flags, wt_no_step,
    wt_md_title, wt_md_meta, wt_md_burden,
    wt_ask_helper, wt_helper_says, wt_helper_ready, wt_helper_step, wt_helper_missing,
    wt_sha_mismatch, wt_keys_debrief, wt_after_model, wt_model_note, wt_col_me, wt_col_model,
    wt_col_reform, wt_col_vs_me, wt_timeline_model, wt_pick_title, wt_pick_hint, wt_pick_button,
    wt_pain_keys, wt_pain_note_click, wt_strip_days, wt_strip_hours,
    // presentation (issue 7)
    pr_intro, pr_after, pr_speed, pr_start, pr_keys, pr_paused, pr_playing, pr_finished,
    pr_trip_caption, pr_days, pr_exit, pr_presenter_pause, pr_no_after,
    // compare (issue 6)
    cmp_intro, cmp_scenario, cmp_citizens, cmp_seed, cmp_shapley, cmp_run, cmp_cancel, cmp_need_two, cmp_done, cmp_cancelled, cmp_no_scenario, cmp_no_variants, cmp_nothing_yet, cmp_png_failed, cmp_exported, cmp_kpi, cmp_col_measure, cmp_col_change, cmp_mean_p50_p90, cmp_m_calendar_days, cmp_m_working_days, cmp_m_trips, cmp_m_window_visits, cmp_m_departments, cmp_m_submissions, cmp_m_repeat_submissions, cmp_m_citizen_hours, cmp_m_rejections, cmp_m_fees, cmp_rate_one_trip, cmp_rate_legal, cmp_departments, cmp_col_department, cmp_dept_cell, cmp_whatif, cmp_whatif_note, cmp_whatif_variant, cmp_whatif_background, cmp_whatif_review, cmp_whatif_rework, cmp_whatif_windows, cmp_whatif_reset, cmp_chart_gantt, cmp_chart_histogram, cmp_chart_waterfall, cmp_export, cmp_export_csv, cmp_export_json, cmp_export_cases, cmp_export_xes, cmp_export_png, cmp_lane_citizen, cmp_median_citizen, cmp_days, cmp_axis_elapsed_days, cmp_axis_calendar_days, cmp_legend_travel, cmp_legend_queue, cmp_legend_window, cmp_legend_review, cmp_legend_critical, cmp_legend_closed, cmp_legend_rejected, cmp_gantt_caption, cmp_histogram_caption, cmp_shapley_off, cmp_shapley_none, cmp_shapley_running, cmp_measure_calendar_days, cmp_measure_working_days, cmp_measure_trips, cmp_waterfall_caption, cmp_down, cmp_whatif_mark, cmp_up, cmp_factor, cmp_waterfall_failed,
    cmp_export_events, cmp_export_cases_json, cmp_export_running, cmp_export_progress, cmp_export_wait, cmp_export_cancelled, cmp_recomputing, cmp_frames_running, cmp_whatif_status2, cmp_waterfall_variant, cmp_waterfall_failed_title, cmp_waterfall_failed_item, cmp_dept_overtime,
    // library: actions, scenario card, welcome (issue 20, helper "library")
    lib_seed_tip, lib_walk, lib_walk_variant, lib_compare, lib_present, lib_card_title,
    lib_card_running, lib_card_meta, lib_welcome_title, lib_welcome_what, lib_welcome_ways,
    lib_welcome_walk, lib_welcome_compare, lib_welcome_present, lib_welcome_try, lib_welcome_files,
    lib_welcome_dismiss, lib_welcome_show, lib_no_after,
    // class debrief and walk setup (issue 18, helper class)
    tab_class, cl_bad_start, cl_start_date, cl_start_date_note, cl_trainee, cl_trainee_hint, cl_intro, cl_open, cl_clear, cl_saved, cl_save_failed, cl_saved_classes, cl_reopen, cl_delete, cl_show_names, cl_download_md, cl_download_csv, cl_downloaded, cl_summary, cl_empty, cl_no_scenario, cl_set_apart, cl_reason_malformed, cl_reason_other_scenario, cl_reason_other_version, cl_reason_replay_failed, cl_heat, cl_steps, cl_col_variant, cl_col_step, cl_col_reached, cl_col_sent_back, cl_col_rejections, cl_col_extra, cl_col_median, cl_col_range, cl_col_flags, cl_trainees, cl_strip, cl_model, cl_reform, cl_problems, cl_col_category, cl_col_trainees, cl_col_notes, cl_col_dept, cl_col_measure, cl_col_deadline, cl_col_status, cl_zip, cl_trainee_label,
    // My files (helper kernel: the private table of user_files.cpp moved here)
    uf_my_files, uf_open_file, uf_drop_hint, uf_none, uf_walks, uf_open_walk, uf_export, uf_delete, uf_download, uf_saved, uf_deleted, uf_write_failed, uf_storage_failed, uf_saving, uf_renamed, uf_too_large,
    // editor (issue 15, helper editor)
    tab_editor, ed_none, ed_new_blank, ed_new_example, ed_undo, ed_redo, ed_save, ed_download, ed_unsaved, ed_saved, ed_file, ed_check, ed_valid, ed_scenario, ed_places, ed_departments, ed_materials, ed_variants, ed_steps, ed_branches, ed_levers, ed_add, ed_duplicate, ed_delete, ed_id, ed_rename_taken, ed_delete_title, ed_delete_refs, ed_delete_drop, ed_delete_keep, ed_cancel, ed_discard_title, ed_discard_text, ed_discard, ed_keep, ed_saved_msg, ed_downloaded, ed_restored, ed_edit_copy, ed_edit, ed_new, f_title, f_title_en, f_summary, f_summary_en, f_illustrative, f_start, f_calendar, f_hours, f_arrivals, f_name, f_name_en, f_travel, f_place, f_windows, f_online, f_helper, f_background, f_background_service, f_own_hours, f_held, f_essential, f_shared, f_in_guide, f_hint, f_kind, f_department, f_reception, f_service, f_review, f_needs, f_produces, f_after, f_rework, f_rework_reason, f_online_allowed, f_legal, f_promised, f_fee, f_blocks, f_agent, f_pause, f_caption, f_tells_all, f_question, f_question_en, f_chooser, f_options, f_label, f_label_en, f_probability, f_option_steps, f_sum, f_add_option, f_from, f_changes, f_add_lever, f_up, f_down, f_remove, f_window_department, f_window_name, f_factor, f_note, f_value, f_low, f_mode, f_high, f_mean, f_sd, f_none, f_bad_text,
    // process graph and live before/after (issue 15, helper graph)
    gr_hint, gr_no_variant, gr_cycle, gr_legend_critical, gr_legend_issue, gr_legend_handoff, 
    lp_title, lp_waiting_valid, lp_waiting, lp_computing, lp_of_version, lp_no_variant, lp_col_before, lp_col_after, lp_col_delta,
    // class debrief gaps: .zip, the comparison column (issue 18, helper scen3)
    cl_reason_unreadable, cl_side_before, cl_side_after,
    // imports on the page, BPMN download, 承诺兑现 (issue 16, helper import4)
    im_report_title, im_counts, im_mapped, im_approximated, im_ignored, im_error, im_failed, im_download_bpmn,
    cmp_export_bpmn, cmp_rate_promised_limits, cmp_rate_promised_trips,
    // editor: narrow layout, by_hour bars, lists, enum names, leave prompt (issue 15, helper editor4)
    ed4_tab_form, ed4_tab_graph,
    ed4_cal_working_days, ed4_cal_always_open, ed4_cal_calendar_days, ed4_kind_window, ed4_kind_online, ed4_kind_review, ed4_kind_inspection, ed4_kind_payment, ed4_kind_collect, ed4_kind_mail, ed4_chooser_citizen, ed4_chooser_chance, ed4_dist_fixed, ed4_dist_uniform, ed4_dist_triangular, ed4_dist_exponential, ed4_dist_normal, ed4_dist_lognormal, ed4_dist_empirical, ed4_unit_minutes, ed4_unit_hours, ed4_unit_working_days, ed4_unit_calendar_days, ed4_by_hour, ed4_by_hour_start, ed4_by_hour_clear, ed4_by_hour_tip, ed4_sources, ed4_assumptions, ed4_citation, ed4_says, ed4_seed, ed4_add_source, ed4_add_assumption, ed4_values, ed4_weights,
    // editor: the live preview's citizens (issue 15, helper editor6)
    ed6_preview_citizens, ed6_preview_tip,
    count_  // keep last
};

const char* tr(Language language, Str id);
// Both languages of every string, for the font subset and atlas.
void for_each_string(void (*fn)(const char* text, void* user), void* user);

}  // namespace peizou::app
