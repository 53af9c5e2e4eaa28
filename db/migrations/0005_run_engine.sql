CREATE TABLE `integration_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`integration_id` text NOT NULL,
	`environment_id` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `integration_versions_integration` ON `integration_versions` (`integration_id`,`environment_id`);--> statement-breakpoint
CREATE TABLE `run_counters` (
	`environment_id` text NOT NULL,
	`scope` text NOT NULL,
	`scope_id` text NOT NULL,
	`month` text NOT NULL,
	`runs` integer NOT NULL,
	`last_run_at` integer NOT NULL,
	PRIMARY KEY(`environment_id`, `scope`, `scope_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `run_daily_counts` (
	`environment_id` text NOT NULL,
	`app_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`runs` integer NOT NULL,
	PRIMARY KEY(`environment_id`, `app_id`, `integration_id`, `day`, `status`)
);
--> statement-breakpoint
CREATE TABLE `run_steps` (
	`run_id` integer NOT NULL,
	`position` integer NOT NULL,
	`step_id` text NOT NULL,
	`name` text NOT NULL,
	`connector_key` text NOT NULL,
	`action_key` text NOT NULL,
	`status` text NOT NULL,
	`input` text,
	`output` text,
	`error` text,
	`attempts` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`finished_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `position`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`environment_id` text NOT NULL,
	`app_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`version_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`trigger_data` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`run_after` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`error` text,
	`rerun_of` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `runs_environment_id` ON `runs` (`environment_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_app_id` ON `runs` (`app_id`,`environment_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_integration_id` ON `runs` (`integration_id`,`environment_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_app_status_id` ON `runs` (`app_id`,`environment_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `runs_claimable` ON `runs` (`run_after`,`id`) WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX `runs_leased` ON `runs` (`lease_expires_at`) WHERE status = 'running';--> statement-breakpoint
CREATE INDEX `runs_created` ON `runs` (`created_at`);--> statement-breakpoint
ALTER TABLE `integrations` ADD `enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `integrations` ADD `off_reason` text;