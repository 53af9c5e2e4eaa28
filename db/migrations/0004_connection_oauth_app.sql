ALTER TABLE `connections` ADD `oauth_app_id` text;--> statement-breakpoint
CREATE INDEX `connections_oauth_app` ON `connections` (`oauth_app_id`);--> statement-breakpoint
ALTER TABLE `oauth_clients` ADD `issuer` text;--> statement-breakpoint
ALTER TABLE `oauth_clients` ADD `auth_method` text DEFAULT 'client_secret_basic' NOT NULL;--> statement-breakpoint
ALTER TABLE `oauth_clients` ADD `test_url` text;