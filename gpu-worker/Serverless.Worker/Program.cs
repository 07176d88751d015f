using Serverless.Worker;

return await WorkerCommands.RunAsync(args);
