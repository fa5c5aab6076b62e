-- The deadline's rule in Simplified Chinese beside the English due_rule, both written when the deadline is computed
-- (submission, verification, extension, recomputation), so a Chinese reader sees the rule and every adjustment as it
-- was when the date was set. Null when the policy has no Chinese text (an operator's own policy) and for requests
-- stored before this column: those are shown in English.
alter table rights_request add column due_rule_zh text;
