CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`connector_key` text NOT NULL,
	`name` text NOT NULL,
	`credentials` text,
	`status` text NOT NULL,
	`status_message` text,
	`authenticated_at` integer,
	`authenticated_by` text,
	`last_tested_at` integer,
	`last_test_ok` integer,
	`last_test_message` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `connections_environment` ON `connections` (`environment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `connections_environment_name` ON `connections` (`environment_id`,`name`);--> statement-breakpoint
CREATE TABLE `instance_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oauth_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`authorize_url` text NOT NULL,
	`token_url` text NOT NULL,
	`scopes` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oauth_clients_account_name` ON `oauth_clients` (`account_id`,`name`);