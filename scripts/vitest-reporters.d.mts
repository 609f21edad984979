export declare function reporters(name: string): Record<string, unknown>;
