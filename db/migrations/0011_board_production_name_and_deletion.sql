ALTER TABLE `boards` ADD `production_name` text;--> statement-breakpoint
ALTER TABLE `boards` ADD `deleted_in_development_at` integer;--> statement-breakpoint
-- Boards already in Production (they have a Production form) were shown there under their current
-- name: that name becomes their deployed one. Boards never deployed get one from their first deployment.
UPDATE `boards` SET `production_name` = `name` WHERE `production_fields` IS NOT NULL;
