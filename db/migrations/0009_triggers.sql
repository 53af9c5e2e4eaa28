CREATE TABLE `trigger_polls` (
	`integration_id` text NOT NULL,
	`environment_id` text NOT NULL,
	`options_hash` text NOT NULL,
	`cursor` text,
	`last_polled_at` integer NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	PRIMARY KEY(`integration_id`, `environment_id`),
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `integrations` ADD `switched_at` integer;--> statement-breakpoint
ALTER TABLE `integrations` ADD `switched_by` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `catch_up_from_change_id` integer;--> statement-breakpoint
ALTER TABLE `integrations` ADD `catch_up_to_change_id` integer;--> statement-breakpoint
ALTER TABLE `production_integrations` ADD `catch_up_from_change_id` integer;--> statement-breakpoint
ALTER TABLE `production_integrations` ADD `catch_up_to_change_id` integer;